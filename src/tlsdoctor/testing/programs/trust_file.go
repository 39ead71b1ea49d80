// What print_client.go and print_dial.go share, as their users write it: a crypto/tls
// config trusting the one CA file given (a cert pool), capped at TLS 1.2 when the cap is
// "1.2" ("-": Go's default versions); log.Fatal(err) when the file cannot be read. Built
// with each.
package main

import (
	"crypto/tls"
	"crypto/x509"
	"log"
	"os"
)

func trustFile(caFile, capArg string) *tls.Config {
	pem, err := os.ReadFile(caFile)
	if err != nil {
		log.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	cfg := &tls.Config{RootCAs: pool}
	if capArg == "1.2" {
		cfg.MaxVersion = tls.VersionTLS12
	}
	return cfg
}
