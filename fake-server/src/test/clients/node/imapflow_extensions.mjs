// imapflow against fakemail's IMAP extensions of issue 19, as a Node application would use them.
//
// Usage: node imapflow_extensions.mjs HOST PORT USER PASSWORD
//
// The test has delivered three messages to USER. One connection keeps QRESYNC on (imapflow's `qresync`
// option); a second one, without it, changes the mailbox as another device would. Each step prints one line
// "step: result"; any surprise exits non-zero with the error on stderr.
import { newClient } from './imapflow_common.mjs';

const client = newClient({ qresync: true });
const other = newClient();
const events = [];
client.on('expunge', data => events.push(`expunge ${data.vanished ? 'vanished' : 'seq'} ${data.uid ?? data.seq}${data.earlier ? ' earlier' : ''}`));
client.on('flags', data => events.push(`flags ${data.uid} ${[...data.flags].sort().join(',')}`));

await client.connect();
await other.connect();
console.log(`enabled: ${[...client.enabled].sort().join(' ')}`);

// QRESYNC: remember the mailbox, let another device change it, resynchronize in one SELECT
let mailbox = await client.mailboxOpen('INBOX');
const remembered = { uidValidity: mailbox.uidValidity, changedSince: mailbox.highestModseq };
await client.mailboxClose();
await other.mailboxOpen('INBOX');
await other.messageFlagsAdd('2', ['\\Flagged'], { uid: true });
await other.messageDelete('3', { uid: true });
events.length = 0;
mailbox = await client.mailboxOpen('INBOX', remembered);
console.log(`qresync select: ${mailbox.qresync === true} exists ${mailbox.exists}; ${events.join('; ')}`);
events.length = 0;
const changed = await client.fetchAll('1:*', { uid: true, flags: true }, { uid: true, changedSince: remembered.changedSince });
console.log(`qresync fetch: ${changed.map(m => `${m.uid}:${[...m.flags].sort().join(',')}`).join(' ')}; ${events.join('; ')}`);
events.length = 0;
await other.messageDelete('1', { uid: true });
await client.noop();
console.log(`qresync live: ${events.join('; ')} exists ${client.mailbox.exists}`);
await client.mailboxClose();

// BINARY: imapflow appends as a literal8 when BINARY is advertised, and fetches decoded parts
const multipart = 'From: a@example.test\r\nSubject: parts\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
    + '--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nSGVsbG8gd29ybGQh\r\n--b--\r\n';
const appended = await client.append('INBOX', multipart);
await client.mailboxOpen('INBOX');
const part = await client.fetchOne(String(appended.uid), { bodyParts: ['1'] }, { uid: true, binary: true });
console.log(`binary: ${part.bodyParts.get('1').toString()}`);
await client.mailboxClose();

// UTF8=ACCEPT: imapflow enables it by itself; folder names then travel in UTF-8 both ways
await client.mailboxCreate('Entwürfe');
const drafts = (await client.list()).filter(folder => folder.path.startsWith('Entw')).map(folder => folder.path);
await client.append('Entwürfe', 'From: Jörg <joerg@example.test>\r\nSubject: Grüße\r\n\r\nHallo\r\n');
const utf8Status = await client.status('Entwürfe', { messages: true });
console.log(`utf8: ${drafts.join(' ')} messages ${utf8Status.messages}`);

// QUOTA: the test's server has a quota of 1 MiB and 100 messages; the root is "", which imapflow leaves unset
const quota = await client.getQuota('INBOX');
console.log(`quota: root "${quota.quotaRoot ?? ''}" storage ${quota.storage.usage}/${quota.storage.limit} messages ${quota.message.usage}/${quota.message.limit}`);

await other.logout();
await client.logout();
console.log('logout: ok');
