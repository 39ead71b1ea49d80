<?php
// ext-curl with a CA file, printing curl_error() the way PHP's manual does.
[, $url, $ca, $cap, $wait] = $argv;
$ch = curl_init($url);
curl_setopt_array($ch, [CURLOPT_CAINFO => $ca, CURLOPT_RETURNTRANSFER => true,
                        CURLOPT_TIMEOUT => (int) ceil((float) $wait)]);
if ($cap === '1.2') {
    curl_setopt($ch, CURLOPT_SSLVERSION, CURL_SSLVERSION_MAX_TLSv1_2);
}
if (curl_exec($ch) === false) {
    echo 'Curl error: ' . curl_error($ch) . "\n";
    exit(1);
}
echo curl_getinfo($ch, CURLINFO_RESPONSE_CODE), "\n";
