// A Go program as its users write it: net/http GET with the system's roots and log.Fatal(err)
// on failure, its dialer pointed at one address (http.Transport.DialContext, Go's own way to
// resolve a name elsewhere), so a public name can be served from loopback.
// Usage: print_resolve URL ADDRESS:PORT TIMEOUT_SECONDS
package main

import (
	"context"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"
)

func main() {
	seconds, _ := strconv.ParseFloat(os.Args[3], 64)
	wait := time.Duration(seconds * float64(time.Second))
	dialer := &net.Dialer{Timeout: wait}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return dialer.DialContext(ctx, network, os.Args[2])
	}
	tr.TLSHandshakeTimeout = wait
	client := &http.Client{Transport: tr, Timeout: wait + time.Second}
	resp, err := client.Get(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	log.Println(resp.Status)
}
