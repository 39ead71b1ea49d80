/* A TLS client with Mbed TLS's defaults: mbedtls_ssl_config_defaults(client, stream,
 * MBEDTLS_SSL_PRESET_DEFAULT), SNI, a DRBG, nothing else that shapes the ClientHello.
 * Used by scripts/record_command_hello.py (round 21, Debian 12's libmbedtls 2.28; round 22,
 * linked statically against Mbed TLS 3.0.0 and 3.5.2 built from their tags: gcc -I DIR/include
 * ... DIR/library/libmbedtls.a DIR/library/libmbedx509.a DIR/library/libmbedcrypto.a).
 * Build: gcc -o mbedtls_client mbedtls_client.c -lmbedtls -lmbedx509 -lmbedcrypto
 * Run:   ./mbedtls_client HOST PORT   (connects to 127.0.0.1 only) */
#include <stdio.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/ssl.h>
#include <mbedtls/version.h>

int main(int argc, char **argv) {
    if (argc != 3) return 2;
    char version[64];
    mbedtls_version_get_string_full(version);
    printf("%s\n", version);
    mbedtls_net_context net;
    mbedtls_ssl_context ssl;
    mbedtls_ssl_config conf;
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_net_init(&net);
    mbedtls_ssl_init(&ssl);
    mbedtls_ssl_config_init(&conf);
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    if (mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, NULL, 0) != 0) return 1;
    if (mbedtls_net_connect(&net, "127.0.0.1", argv[2], MBEDTLS_NET_PROTO_TCP) != 0) return 1;
    if (mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                    MBEDTLS_SSL_PRESET_DEFAULT) != 0) return 1;
    mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &drbg);
    if (mbedtls_ssl_setup(&ssl, &conf) != 0) return 1;
    if (mbedtls_ssl_set_hostname(&ssl, argv[1]) != 0) return 1;
    mbedtls_ssl_set_bio(&ssl, &net, mbedtls_net_send, mbedtls_net_recv, NULL);
    int rc = mbedtls_ssl_handshake(&ssl);  /* the listener answers with an alert */
    printf("handshake ended: -0x%04x\n", (unsigned)-rc);
    mbedtls_net_free(&net);
    return 0;
}
