// Runs cypress-mailpit's request layer (its MailpitCommands class, unmodified, pinned in package-lock.json)
// against fakemail without Cypress: the few Cypress globals it uses are stood in for below, with the semantics
// of Cypress' cy.request (redirects followed and recorded as "301: <url>", non-2xx/3xx statuses fail, JSON
// bodies parsed). Usage: node cypress_mailpit_client.mjs <base URL>. Prints one line per step.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const base = process.argv[2].replace(/\/+$/, "");
const out = (line) => console.log(line);

globalThis.Cypress = {
  expose: (name) => (name === "MAILPIT_URL" ? base : undefined),
  config: (name) => (name === "defaultCommandTimeout" ? 4000 : undefined),
};

async function request({ method = "GET", url, body, qs, auth, failOnStatusCode = true }) {
  let target = new URL(url);
  for (const [key, value] of Object.entries(qs ?? {})) target.searchParams.set(key, String(value));
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (auth) headers.Authorization = "Basic " + Buffer.from(`${auth.user}:${auth.pass}`).toString("base64");
  const redirects = [];
  for (;;) {
    const response = await fetch(target, {
      method, headers, redirect: "manual", body: body === undefined ? undefined : JSON.stringify(body),
    });
    if ([301, 302, 303, 307, 308].includes(response.status) && redirects.length < 20) {
      target = new URL(response.headers.get("location"), target);
      redirects.push(`${response.status}: ${target}`);
      continue;
    }
    const text = await response.text();
    const type = response.headers.get("content-type") ?? "";
    const parsed = type.includes("json") && text ? JSON.parse(text) : text;
    if (failOnStatusCode && (response.status < 200 || response.status >= 400)) {
      throw new Error(`cy.request failed: ${response.status} ${method} ${target}: ${text}`);
    }
    return { status: response.status, body: parsed, headers: Object.fromEntries(response.headers), redirects };
  }
}

globalThis.cy = {
  request: (options) => request(options),
  env: () => Promise.resolve({}),
  wrap: (value) => Promise.resolve(value),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

// The package's build is an ES module in a .js file of a CommonJS package (Cypress bundles it): load its source
// as a module as it is.
const require = createRequire(import.meta.url);
const file = require.resolve("cypress-mailpit/dist/src/MailpitCommands.js");
const source = await readFile(file, "utf8");
const { MailpitCommands } = await import("data:text/javascript;base64," + Buffer.from(source).toString("base64"));
const mailpit = new MailpitCommands();

// Record the redirects the view requests go through, as Cypress would show them.
const seen = [];
const plainRequest = globalThis.cy.request;
globalThis.cy.request = async (options) => {
  const response = await plainRequest(options);
  seen.push(...response.redirects.map((line) => line.replace(base, "")));
  return response;
};

const all = await mailpit.mailpitGetAllMails();
out(`all: ${all.total}`);
out(`by subject: ${(await mailpit.mailpitGetEmailsBySubject("Welcome")).messages_count}`);
out(`has by subject: ${(await mailpit.mailpitHasEmailsBySubject("Welcome")).messages[0].Subject}`);
out(`not has by to: ${(await mailpit.mailpitNotHasEmailsByTo("nobody@example.test")).messages_count}`);
out(`has by search: ${(await mailpit.mailpitHasEmailsBySearch("from:alice -subject:Other", 0, 50, { timeout: 2000 })).messages_count}`);

const message = await mailpit.mailpitGetMail();
out(`latest: ${await mailpit.mailpitGetSubject(message)}`);
out(`to: ${(await mailpit.mailpitGetRecipientAddress(message)).join(",")}`);
out(`from: ${await mailpit.mailpitGetFromAddress(message)}`);
out(`attachments: ${(await mailpit.mailpitGetAttachments(message)).join(",")}`);
out(`text: ${(await mailpit.mailpitGetMailTextBody(message)).trim()}`);
out(`html: ${(await mailpit.mailpitGetMailHTMlBody(message)).trim()}`);
out(`redirects: ${seen.join(" ")}`);

await mailpit.mailpitSetStatusAsUnRead(message);
out(`unread after set unread: ${(await mailpit.mailpitGetAllMails()).unread}`);
await mailpit.mailpitSetAllEmailStatusAsRead();
out(`unread after all read: ${(await mailpit.mailpitGetAllMails()).unread}`);
await mailpit.mailpitSetAllEmailStatusAsUnRead();
out(`unread after all unread: ${(await mailpit.mailpitGetAllMails()).unread}`);

try {
  await mailpit.mailpitGetMailSpamAssassinSummary(message);
  out("spamassassin: answered");
} catch (error) {
  out(`spamassassin: ${error.message.includes(" 404 ") ? "404" : error.message}`);
}

await mailpit.mailpitDeleteEmailsBySearch("subject:Other");
out(`after delete by search: ${(await mailpit.mailpitGetAllMails()).total}`);
await mailpit.mailpitDeleteAllEmails();
out(`after delete all: ${(await mailpit.mailpitGetAllMails()).total}`);
out("done");
