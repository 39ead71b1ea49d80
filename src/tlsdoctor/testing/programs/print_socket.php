<?php
// stream_socket_client('ssl://...'), printing $errstr ($errno) as PHP's manual does.
[, $port, $ca, $cap, $wait] = $argv;
$ssl = ['verify_peer' => true, 'verify_peer_name' => true, 'cafile' => $ca,
        'peer_name' => 'localhost'];
if ($cap === '1.2') {
    $ssl['crypto_method'] = STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT;
}
$ctx = stream_context_create(['ssl' => $ssl]);
$fp = stream_socket_client("ssl://localhost:$port", $errno, $errstr, (float) $wait,
                           STREAM_CLIENT_CONNECT, $ctx);
if (!$fp) {
    echo "$errstr ($errno)\n";
    exit(1);
}
echo "connected\n";
