// Real Go client for tlsdoctor's real-client harness: net/http with crypto/tls defaults,
// trusting only the CA file given (a cert pool, as a Go program with a private CA does).
// Usage: client CA.pem TARGETS.json  -> one JSON line per target: {"name","ok","error"}.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sync"
	"time"
)

type target struct {
	Name string `json:"name"`
	Host string `json:"host"`
	Port int    `json:"port"`
}

type result struct {
	Name  string `json:"name"`
	Ok    bool   `json:"ok"`
	Error string `json:"error"`
}

func try(t target, pool *x509.CertPool) result {
	addr := fmt.Sprintf("127.0.0.1:%d", t.Port)
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	tr := &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: pool},
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return dialer.DialContext(ctx, "tcp", addr)
		},
		ForceAttemptHTTP2: true,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	resp, err := client.Get(fmt.Sprintf("https://%s:%d/", t.Host, t.Port))
	if err != nil {
		return result{Name: t.Name, Ok: false, Error: err.Error()}
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	resp.Body.Close()
	return result{Name: t.Name, Ok: true}
}

func main() {
	pem, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	raw, err := os.ReadFile(os.Args[2])
	if err != nil {
		panic(err)
	}
	var targets []target
	if err := json.Unmarshal(raw, &targets); err != nil {
		panic(err)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	enc := json.NewEncoder(os.Stdout)
	for _, t := range targets {
		wg.Add(1)
		go func(t target) {
			defer wg.Done()
			r := try(t, pool)
			mu.Lock()
			enc.Encode(r)
			mu.Unlock()
		}(t)
	}
	wg.Wait()
}
