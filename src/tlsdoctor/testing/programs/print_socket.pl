# IO::Socket::SSL->new with a CA file and host-name check, dying with $SSL_ERROR as the
# module's documentation does.
use strict;
use warnings;
use IO::Socket::SSL;

my ($port, $ca, $cap, $wait) = @ARGV;
my $sock = IO::Socket::SSL->new(
    PeerHost => 'localhost', PeerPort => $port, Timeout => $wait,
    SSL_ca_file => $ca, SSL_verify_mode => SSL_VERIFY_PEER,
    SSL_hostname => 'localhost', SSL_verifycn_name => 'localhost',
    SSL_verifycn_scheme => 'http',
    ($cap eq '1.2' ? (SSL_version => 'TLSv1_2') : ()),
) or die "failed connect or ssl handshake: $!,$SSL_ERROR";
print "connected\n";
