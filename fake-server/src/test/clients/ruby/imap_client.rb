# Ruby's Net::IMAP against fakemail's IMAP server: the usage examples of Net::IMAP's documentation, unchanged
# but for where they connect, then two threads issuing FETCH and SEARCH on one connection at once.
#
# Usage: ruby imap_client.rb HOST PORT USER PASSWORD
#
# The test has delivered messages to USER by SMTP before. Each step prints one line "step: result"; any
# surprise raises, so the exit code is non-zero and the backtrace says where.
require "net/imap"

host, port, user, password = ARGV[0], Integer(ARGV[1]), ARGV[2], ARGV[3]
imap = Net::IMAP.new(host, port: port)
imap.login(user, password)
puts "capabilities: #{imap.capability.sort.join(' ')}"

# "List sender and subject of all recent messages in the default mailbox"
imap.examine('INBOX')
imap.search(["RECENT"]).each do |message_id|
  envelope = imap.fetch(message_id, "ENVELOPE")[0].attr["ENVELOPE"]
  puts "recent: #{envelope.from[0].name}: \t#{envelope.subject}"
end

# "Move all messages from April 2003 from "Mail/sent-mail" to "Mail/sent-apr03"" (with COPY + STORE + EXPUNGE);
# the test appended two messages dated April 2003 and one dated May 2003 to Mail/sent-mail.
imap.select('Mail/sent-mail')
if not imap.list('Mail/', 'sent-apr03')
  imap.create('Mail/sent-apr03')
end
april = imap.search(["BEFORE", "30-Apr-2003", "SINCE", "1-Apr-2003"])
puts "april: #{april.join(' ')}"
imap.copy(april, 'Mail/sent-apr03') unless april.empty?
april.each do |message_id|
  imap.store(message_id, "+FLAGS", [:Deleted])
end
expunged = imap.expunge
puts "expunged: #{expunged.join(' ')}"
puts "left in sent-mail: #{imap.status('Mail/sent-mail', ['MESSAGES'])['MESSAGES']}"
puts "in sent-apr03: #{imap.status('Mail/sent-apr03', ['MESSAGES'])['MESSAGES']}"

# RFC 3501 §5.5: several commands in progress on one connection, each answered with its own tag.
imap.select('INBOX')
results = {}
threads = [
  Thread.new { results[:fetch] = imap.fetch(1..-1, ["UID", "RFC822.SIZE"]).map { |d| d.attr["UID"] } },
  Thread.new { results[:search] = imap.search(["ALL"]) },
]
threads.each(&:join)
puts "threads: fetch #{results[:fetch].join(',')} search #{results[:search].join(',')}"

imap.logout
imap.disconnect
puts "logout: ok"
