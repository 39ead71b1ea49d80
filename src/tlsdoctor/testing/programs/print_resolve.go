// A Go program as its users write it: net/http GET with the system's roots and log.Fatal(err)
// on failure (http_get.go), its dialer pointed at one address (http.Transport.DialContext,
// Go's own way to resolve a name elsewhere), so a public name can be served from loopback.
// Usage: print_resolve URL ADDRESS:PORT TIMEOUT_SECONDS
package main

import (
	"context"
	"log"
	"net"
	"net/http"
	"os"
)

func main() {
	wait := seconds(os.Args[3])
	dialer := &net.Dialer{Timeout: wait}
	log.Println(httpGet(os.Args[1], wait, func(tr *http.Transport) {
		tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
			return dialer.DialContext(ctx, network, os.Args[2])
		}
	}))
}
