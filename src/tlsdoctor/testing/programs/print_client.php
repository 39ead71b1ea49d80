<?php
// file_get_contents() over PHP's https:// wrapper with a stream context that trusts the
// given CA file: PHP's warnings go to stderr as a person sees them on the command line.
[, $url, $ca, $cap, $wait] = $argv;
ini_set('default_socket_timeout', (string) (int) ceil((float) $wait));
$ssl = ['verify_peer' => true, 'verify_peer_name' => true, 'cafile' => $ca];
if ($cap === '1.2') {
    $ssl['crypto_method'] = STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT;
}
$ctx = stream_context_create(['ssl' => $ssl, 'http' => ['timeout' => (float) $wait]]);
$body = file_get_contents($url, false, $ctx);
if ($body === false) {
    exit(1);
}
echo strlen($body), "\n";
