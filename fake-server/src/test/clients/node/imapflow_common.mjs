// What the imapflow scripts share: their command line (HOST PORT USER PASSWORD, then their own arguments),
// imapflow's options for the server under test, failing fast (any surprise, or 30 s without an end, exits
// non-zero with the error on stderr) and the last step, IDLE until the server pushes the test's new message.
import { ImapFlow } from 'imapflow';

export const [host, port, user, pass, ...more] = process.argv.slice(2);

export const fail = (error) => { console.error(error && error.stack || error); process.exit(1); };
setTimeout(() => fail(new Error('timed out')), 30000).unref();

/** A client of the server under test (plain IMAP, any certificate, no logs), with the script's own options. */
export const newClient = (extra = {}) => new ImapFlow({
    host, port: Number(port), secure: false, auth: { user, pass }, logger: false,
    tls: { rejectUnauthorized: false }, emitLogs: false, ...extra,
});

/** IDLEs in INBOX, prints "idling" (the test then delivers), prints the EXISTS it is told, and logs out. */
export async function idleUntilNewMailThenLogout(client) {
    const lock = await client.getMailboxLock('INBOX');
    const arrived = new Promise(resolve => client.on('exists', data => resolve(data)));
    client.idle().catch(fail);
    console.log('idling');
    const event = await arrived;
    console.log(`exists: ${event.count} (was ${event.prevCount})`);
    lock.release();
    await client.logout();
    console.log('logout: ok');
}
