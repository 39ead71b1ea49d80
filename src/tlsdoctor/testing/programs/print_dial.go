// A Go program that speaks TLS itself: crypto/tls.DialWithDialer (no net/http), trusting
// the CA file given (trust_file.go), and log.Fatal(err) on failure, so the output is the
// error exactly as crypto/tls returns it, without net/http's "Get URL:" wrapping.
// Usage: print_dial HOST:PORT CA.pem CAP(1.2|-) TIMEOUT_SECONDS
package main

import (
	"crypto/tls"
	"fmt"
	"log"
	"net"
	"os"
	"strconv"
	"time"
)

func main() {
	cfg := trustFile(os.Args[2], os.Args[3])
	cfg.ServerName = "localhost"
	seconds, _ := strconv.ParseFloat(os.Args[4], 64)
	dialer := &net.Dialer{Timeout: time.Duration(seconds * float64(time.Second))}
	conn, err := tls.DialWithDialer(dialer, "tcp", os.Args[1], cfg)
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	fmt.Println(conn.ConnectionState().Version)
}
