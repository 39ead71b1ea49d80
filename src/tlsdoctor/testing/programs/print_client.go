// A Go program as its users write it: net/http GET with crypto/tls defaults, trusting the
// CA file given (a cert pool, trust_file.go), and log.Fatal(err) on failure, so the output
// is exactly what Go prints for the error (tlsdoctor's client matrix feeds it to explain).
// Usage: print_client URL CA.pem CAP(1.2|-) TIMEOUT_SECONDS
// TLSDOCTOR_CLIENT_TIME (RFC 3339), when set, is the clock crypto/tls verifies with
// (tls.Config.Time): Go reads the kernel's clock directly, so libfaketime cannot move it.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"time"
)

func main() {
	cfg := trustFile(os.Args[2], os.Args[3])
	if at, err := time.Parse(time.RFC3339, os.Getenv("TLSDOCTOR_CLIENT_TIME")); err == nil {
		cfg.Time = func() time.Time { return at }
	}
	seconds, _ := strconv.ParseFloat(os.Args[4], 64)
	wait := time.Duration(seconds * float64(time.Second))
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = cfg
	tr.TLSHandshakeTimeout = wait
	client := &http.Client{Transport: tr, Timeout: wait + time.Second}
	resp, err := client.Get(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	fmt.Println(resp.Status)
}
