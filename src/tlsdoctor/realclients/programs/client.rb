# Real Ruby client for tlsdoctor's real-client harness: Net::HTTP with use_ssl and its
# default verification (VERIFY_PEER, the name checked), trusting only the CA file given;
# the connection goes to 127.0.0.1 (Net::HTTP#ipaddr=) for the target's name.
# Usage: ruby client.rb CA.pem TARGETS.txt (lines "name host port");
# prints one line per target: name TAB ok|fail TAB "Class: message".
require 'net/http'

ca, targets = ARGV
File.readlines(targets, chomp: true).reject(&:empty?).each do |line|
  name, host, port = line.split(' ')
  http = Net::HTTP.new(host, port.to_i)
  http.ipaddr = '127.0.0.1'
  http.use_ssl = true
  http.ca_file = ca
  http.open_timeout = http.read_timeout = http.ssl_timeout = 10
  begin
    http.get('/')
    puts "#{name}\tok\t"
  rescue StandardError => e
    puts "#{name}\tfail\t#{"#{e.class}: #{e.message}".gsub(/[\t\r\n]/, ' ')}"
  end
  $stdout.flush
end
