// Drives the npm package mailpit-api (unmodified, pinned in package-lock.json) against fakemail's Mailpit API.
// Usage: node mailpit_api_client.mjs <base URL>. Prints one line per step for the JUnit test to check; the test
// delivers "Late" after this prints "waiting:".
import { MailpitClient } from "mailpit-api";

const mailpit = new MailpitClient(process.argv[2]);
const out = (line) => console.log(line);

const list = await mailpit.listMessages();
out(`list: total ${list.total} unread ${list.unread} subjects ${list.messages.map((m) => m.Subject).join(",")}`);
out(`id types: ${[...new Set(list.messages.map((m) => typeof m.ID))].join(",")}`);

const found = await mailpit.searchMessages({ query: "subject:Invoice -from:spam" });
out(`search: ${found.messages_count} ${found.messages.map((m) => m.Subject).join(",")}`);
const invoiceId = found.messages[0].ID;

const invoice = await mailpit.getMessageSummary(invoiceId);
out(`get: ${invoice.Subject} from ${invoice.From.Address} attachments ${invoice.Attachments.map((a) => a.FileName).join(",")}`);
out(`read after get: unread ${(await mailpit.listMessages()).unread}`);

const source = await mailpit.getMessageSource(invoiceId);
out(`raw: ${source.includes("Subject: Invoice") ? "has subject" : "no subject"}`);
const headers = await mailpit.getMessageHeaders(invoiceId);
out(`headers: Subject=${headers.Subject[0]}`);

const part = await mailpit.getMessageAttachment(invoiceId, invoice.Attachments[0].PartID);
out(`part: ${part.size} bytes ${await part.text()}`);
out(`text view: ${(await mailpit.renderMessageText(invoiceId)).trim()}`);

await mailpit.setReadStatus({ IDs: [invoiceId], Read: false });
out(`unread again: ${(await mailpit.listMessages()).unread}`);
await mailpit.setReadStatus({ Read: true });
out(`all read: ${(await mailpit.listMessages()).unread}`);
await mailpit.setReadStatus({ Search: "subject:Invoice", Read: false });
out(`search unread: ${(await mailpit.listMessages()).unread}`);

out("waiting:");
const late = await mailpit.waitForMessage({ query: "subject:Late" }, { timeout: 20000, interval: 100 });
out(`waited: ${late.Subject}`);
out(`latest: ${(await mailpit.getMessageSummary()).Subject}`);

out(`info: messages ${(await mailpit.getInfo()).Messages}`);
out(`webui: chaos ${(await mailpit.getConfiguration()).ChaosEnabled}`);
out(`tags: ${JSON.stringify(await mailpit.getTags())}`);
const chaos = await mailpit.setChaosTriggers({ Recipient: { ErrorCode: 452, Probability: 100 } });
out(`chaos: recipient ${chaos.Recipient.ErrorCode} ${chaos.Recipient.Probability} sender ${chaos.Sender.Probability}`);
out("chaos set:");
// the test checks the fault rule and SMTP now, then this goes on
await new Promise((resolve) => process.stdin.once("data", resolve));
process.stdin.pause(); // else the open input keeps Node running after the last step
const reset = await mailpit.setChaosTriggers();
out(`chaos reset: ${reset.Recipient.Probability}`);

await mailpit.deleteMessages({ IDs: [invoiceId] });
out(`deleted one: ${(await mailpit.listMessages()).total}`);
await mailpit.deleteMessagesBySearch({ query: "subject:Late" });
out(`deleted by search: ${(await mailpit.listMessages()).total}`);
await mailpit.deleteMessages();
out(`deleted all: ${(await mailpit.listMessages()).total}`);
try {
  await mailpit.getMessageSummary("latest");
  out("latest after delete: found");
} catch (error) {
  out(`latest after delete: ${error.message.includes("404") ? "404" : error.message}`);
}
out("done");
