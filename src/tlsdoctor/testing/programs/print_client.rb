# Net::HTTP with use_ssl and a CA file. With "rescue" it prints "Class: message";
# without, Ruby prints the uncaught exception and its backtrace.
require 'net/http'

url, ca, cap, wait, mode = ARGV
uri = URI(url)
http = Net::HTTP.new(uri.host, uri.port)
http.use_ssl = true
http.ca_file = ca
http.verify_mode = OpenSSL::SSL::VERIFY_PEER
http.max_version = :TLS1_2 if cap == '1.2'
http.open_timeout = http.read_timeout = http.ssl_timeout = wait.to_f
if mode == 'rescue'
  begin
    puts http.get(uri.path).code
  rescue StandardError => e
    puts "#{e.class}: #{e.message}"
    exit 1
  end
else
  puts http.get(uri.path).code
end
