# Real Perl client for tlsdoctor's real-client harness: IO::Socket::SSL->new with its
# defaults (SSL_verify_mode VERIFY_PEER, the host name checked with the module's default
# scheme), trusting only the CA file given, connected to 127.0.0.1 for the target's name.
# Usage: perl client.pl CA.pem TARGETS.txt (lines "name host port");
# prints one line per target: name TAB ok|fail TAB $SSL_ERROR.
use strict;
use warnings;
use IO::Socket::SSL;

my ($ca, $targets) = @ARGV;
open(my $in, '<', $targets) or die "cannot read $targets: $!";
$| = 1;
while (my $line = <$in>) {
    chomp $line;
    next unless $line;
    my ($name, $host, $port) = split / /, $line;
    my $sock = IO::Socket::SSL->new(
        PeerHost => '127.0.0.1', PeerPort => $port, Timeout => 10,
        SSL_ca_file => $ca, SSL_hostname => $host, SSL_verifycn_name => $host);
    my ($ok, $err) = (0, '');
    if ($sock) {
        print $sock "GET / HTTP/1.0\r\nHost: $host\r\n\r\n";
        my $got = '';
        my $n = $sock->sysread($got, 4096);
        $ok = $got =~ /^HTTP\//;
        # A TLS 1.3 server's refusal after the handshake reaches sysread as end of file.
        $err = $ok ? '' : !defined $n ? "read failed: $SSL_ERROR"
             : "the server closed the connection after the handshake (read returned $n)";
        $sock->close();
    } else {
        $err = "$!,$SSL_ERROR";
    }
    $err =~ s/[\t\r\n]/ /g;
    print "$name\t", ($ok ? 'ok' : 'fail'), "\t$err\n";
}
