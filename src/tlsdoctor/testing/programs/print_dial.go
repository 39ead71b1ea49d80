// A Go program that speaks TLS itself: crypto/tls.DialWithDialer (no net/http), trusting
// the CA file given, and log.Fatal(err) on failure, so the output is the error exactly as
// crypto/tls returns it, without net/http's "Get URL:" wrapping.
// Usage: print_dial HOST:PORT CA.pem CAP(1.2|-) TIMEOUT_SECONDS
package main

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"log"
	"net"
	"os"
	"strconv"
	"time"
)

func main() {
	pem, err := os.ReadFile(os.Args[2])
	if err != nil {
		log.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	cfg := &tls.Config{RootCAs: pool, ServerName: "localhost"}
	if os.Args[3] == "1.2" {
		cfg.MaxVersion = tls.VersionTLS12
	}
	seconds, _ := strconv.ParseFloat(os.Args[4], 64)
	dialer := &net.Dialer{Timeout: time.Duration(seconds * float64(time.Second))}
	conn, err := tls.DialWithDialer(dialer, "tcp", os.Args[1], cfg)
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	fmt.Println(conn.ConnectionState().Version)
}
