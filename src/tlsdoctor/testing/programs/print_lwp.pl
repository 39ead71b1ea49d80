# LWP::UserAgent->get with a CA file: status line, then the response's message (LWP puts
# its own connection errors in the content of a 500 response).
use strict;
use warnings;
use LWP::UserAgent;

my ($url, $ca, $cap, $wait) = @ARGV;
my %ssl = (verify_hostname => 1, SSL_ca_file => $ca);
$ssl{SSL_version} = 'TLSv1_2' if $cap eq '1.2';
my $ua = LWP::UserAgent->new(timeout => $wait, ssl_opts => \%ssl);
my $res = $ua->get($url);
if ($res->is_success) {
    print $res->code, "\n";
    exit 0;
}
print $res->status_line, "\n", $res->decoded_content, "\n";
exit 1;
