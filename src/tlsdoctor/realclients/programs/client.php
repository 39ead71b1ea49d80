<?php
// Real PHP client for tlsdoctor's real-client harness: stream_socket_client('ssl://') with
// PHP's default ssl context (verify_peer, verify_peer_name) trusting only the CA file given,
// connected to 127.0.0.1 and asking for the target's name (peer_name: SNI and the name
// checked). Usage: php client.php CA.pem TARGETS.txt (lines "name host port");
// prints one line per target: name TAB ok|fail TAB error.
[, $ca, $targets] = $argv;
foreach (file($targets, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
    [$name, $host, $port] = explode(' ', $line);
    $ctx = stream_context_create(['ssl' => ['cafile' => $ca, 'peer_name' => $host]]);
    $errors = [];
    set_error_handler(function ($no, $str) use (&$errors) { $errors[] = $str; return true; });
    $fp = stream_socket_client("ssl://127.0.0.1:$port", $errno, $errstr, 10.0,
                               STREAM_CLIENT_CONNECT, $ctx);
    $ok = false;
    if ($fp) {
        stream_set_timeout($fp, 10);
        fwrite($fp, "GET / HTTP/1.0\r\nHost: $host\r\n\r\n");
        $got = fread($fp, 4096);
        $ok = is_string($got) && str_starts_with($got, 'HTTP/');
        if (!$ok) { $errors[] = 'no HTTP response after the handshake'; }
        fclose($fp);
    } else {
        $errors[] = "$errstr ($errno)";
    }
    restore_error_handler();
    $text = str_replace(["\t", "\n", "\r"], ' ', implode(' | ', $errors));
    echo $name, "\t", $ok ? 'ok' : 'fail', "\t", $ok ? '' : $text, "\n";
}
