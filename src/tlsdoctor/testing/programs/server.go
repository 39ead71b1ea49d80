// A small crypto/tls server for tlsdoctor's scenario tests (tlsdoctor.testing.stacks).
// Flags set what an operator would set in tls.Config; each connection gets one
// HTTP/1.0 answer and is closed. Handshake errors go to stderr, one per line.
// -http: serve with net/http instead, whose own log writes each failed handshake
// ("http: TLS handshake error from ADDR: ERR", net/http/server.go) as a Go web server's does.
package main

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

var httpMode bool

var versions = map[string]uint16{"1.0": tls.VersionTLS10, "1.1": tls.VersionTLS11,
	"1.2": tls.VersionTLS12, "1.3": tls.VersionTLS13}

func suites(names string) []uint16 {
	if names == "" {
		return nil
	}
	byName := map[string]uint16{}
	for _, s := range append(tls.CipherSuites(), tls.InsecureCipherSuites()...) {
		byName[s.Name] = s.ID
	}
	var out []uint16
	for _, n := range strings.Split(names, ",") {
		id, ok := byName[n]
		if !ok {
			fmt.Fprintln(os.Stderr, "unknown suite", n)
			os.Exit(2)
		}
		out = append(out, id)
	}
	return out
}

func config() *tls.Config {
	port := flag.String("port", "", "port on 127.0.0.1")
	certFile := flag.String("cert", "", "chain PEM, leaf first")
	keyFile := flag.String("key", "", "key PEM")
	minV := flag.String("min", "1.2", "MinVersion")
	maxV := flag.String("max", "1.3", "MaxVersion")
	ciphers := flag.String("ciphers", "", "TLS <= 1.2 suites, Go names, comma separated")
	clientCA := flag.String("client-ca", "", "RequireAndVerifyClientCert with this CA")
	sni := flag.String("sni", "", "GetCertificate fails for any other server name")
	flag.BoolVar(&httpMode, "http", false, "serve with net/http (its own error log)")
	flag.Parse()
	cert, err := tls.LoadX509KeyPair(*certFile, *keyFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	cfg := &tls.Config{MinVersion: versions[*minV], MaxVersion: versions[*maxV],
		CipherSuites: suites(*ciphers), Certificates: []tls.Certificate{cert}}
	if *clientCA != "" {
		pem, err := os.ReadFile(*clientCA)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		pool := x509.NewCertPool()
		pool.AppendCertsFromPEM(pem)
		cfg.ClientCAs, cfg.ClientAuth = pool, tls.RequireAndVerifyClientCert
	}
	if *sni != "" {
		cfg.Certificates = nil
		cfg.GetCertificate = func(h *tls.ClientHelloInfo) (*tls.Certificate, error) {
			if h.ServerName != *sni {
				return nil, errors.New("no certificate for " + h.ServerName)
			}
			return &cert, nil
		}
	}
	os.Args = []string{os.Args[0], *port}
	return cfg
}

func serve(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	t := c.(*tls.Conn)
	if err := t.Handshake(); err != nil {
		fmt.Fprintln(os.Stderr, "handshake:", err)
		return
	}
	buf := make([]byte, 4096)
	t.Read(buf)
	t.Write([]byte("HTTP/1.0 200 OK\r\nServer: go-tls\r\nContent-Length: 2\r\n\r\nok"))
}

func serveHTTP(cfg *tls.Config) {
	ln, err := net.Listen("tcp", "127.0.0.1:"+os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	srv := &http.Server{TLSConfig: cfg, ReadTimeout: 5 * time.Second,
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("ok"))
		})}
	fmt.Fprintln(os.Stderr, srv.ServeTLS(ln, "", ""))
}

func main() {
	cfg := config()
	if httpMode {
		serveHTTP(cfg)
		return
	}
	ln, err := tls.Listen("tcp", "127.0.0.1:"+os.Args[1], cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for i := 0; i < 10000; i++ {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go serve(c)
	}
}
