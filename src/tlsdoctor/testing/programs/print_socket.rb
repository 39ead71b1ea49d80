# Ruby speaking TLS itself: OpenSSL::SSL::SSLSocket over a TCPSocket with a CA file,
# VERIFY_PEER and the host name checked (verify_hostname), the exception left uncaught,
# so Ruby prints it as users see it (file:line:in `connect': message (Class)). connect has
# no timeout of its own (Net::HTTP adds one with connect_nonblock).
require 'openssl'
require 'socket'

port, ca, cap, wait = ARGV
tcp = Socket.tcp('localhost', port.to_i, connect_timeout: wait.to_f)
ctx = OpenSSL::SSL::SSLContext.new
ctx.set_params(ca_file: ca, verify_mode: OpenSSL::SSL::VERIFY_PEER, verify_hostname: true)
ctx.max_version = :TLS1_2 if cap == '1.2'
ssl = OpenSSL::SSL::SSLSocket.new(tcp, ctx)
ssl.hostname = 'localhost'
ssl.sync_close = true
ssl.connect
puts ssl.ssl_version
