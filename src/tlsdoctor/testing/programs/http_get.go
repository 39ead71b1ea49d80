// What print_client.go and print_resolve.go share, as their users write it: one net/http
// GET through a copy of the default transport (changed by the caller), its handshake bounded
// by the timeout given and the whole request by one second more; log.Fatal(err) on failure.
// Built with each.
package main

import (
	"log"
	"net/http"
	"strconv"
	"time"
)

// seconds reads a TIMEOUT_SECONDS argument ("2.5").
func seconds(arg string) time.Duration {
	s, _ := strconv.ParseFloat(arg, 64)
	return time.Duration(s * float64(time.Second))
}

// httpGet returns the response's status line for url.
func httpGet(url string, wait time.Duration, setUp func(*http.Transport)) string {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	setUp(tr)
	tr.TLSHandshakeTimeout = wait
	client := &http.Client{Transport: tr, Timeout: wait + time.Second}
	resp, err := client.Get(url)
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	return resp.Status
}
