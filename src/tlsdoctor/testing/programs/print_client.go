// A Go program as its users write it: net/http GET with crypto/tls defaults, trusting the
// CA file given (a cert pool, trust_file.go), and log.Fatal(err) on failure (http_get.go),
// so the output is exactly what Go prints for the error (tlsdoctor's client matrix feeds it
// to explain).
// Usage: print_client URL CA.pem CAP(1.2|-) TIMEOUT_SECONDS
// TLSDOCTOR_CLIENT_TIME (RFC 3339), when set, is the clock crypto/tls verifies with
// (tls.Config.Time): Go reads the kernel's clock directly, so libfaketime cannot move it.
package main

import (
	"fmt"
	"net/http"
	"os"
	"time"
)

func main() {
	cfg := trustFile(os.Args[2], os.Args[3])
	if at, err := time.Parse(time.RFC3339, os.Getenv("TLSDOCTOR_CLIENT_TIME")); err == nil {
		cfg.Time = func() time.Time { return at }
	}
	fmt.Println(httpGet(os.Args[1], seconds(os.Args[4]), func(tr *http.Transport) {
		tr.TLSClientConfig = cfg
	}))
}
