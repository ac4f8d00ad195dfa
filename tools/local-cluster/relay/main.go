// Command relay copies byte streams between a listening address and a target address, each given as
// network:address (tcp:127.0.0.1:6443, unix:/path/to.sock). The local cluster uses two of them to let Karpenter,
// which binds its metrics and health ports on every interface, run in a network namespace of its own while it
// talks to the API server on the host's loopback through a Unix socket.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"strings"
	"sync"
)

func split(spec string) (string, string) {
	network, address, ok := strings.Cut(spec, ":")
	if !ok || (network != "tcp" && network != "unix") {
		fmt.Fprintf(os.Stderr, "relay: %q is not tcp:HOST:PORT or unix:PATH\n", spec)
		os.Exit(2)
	}
	return network, address
}

func main() {
	listen := flag.String("listen", "", "address to listen on, tcp:HOST:PORT or unix:PATH")
	target := flag.String("to", "", "address to connect each accepted stream to")
	flag.Parse()
	ln, la := split(*listen)
	tn, ta := split(*target)
	if ln == "tcp" && !strings.HasPrefix(la, "127.0.0.1:") {
		fmt.Fprintln(os.Stderr, "relay: listens on loopback only")
		os.Exit(2)
	}
	if ln == "unix" {
		_ = os.Remove(la)
	}
	listener, err := net.Listen(ln, la)
	if err != nil {
		log.Fatalf("relay: listen %s: %v", *listen, err)
	}
	log.Printf("relay: %s -> %s", *listen, *target)
	for {
		in, err := listener.Accept()
		if err != nil {
			log.Fatalf("relay: accept: %v", err)
		}
		go pipe(in, tn, ta)
	}
}

func pipe(in net.Conn, network, address string) {
	defer in.Close()
	out, err := net.Dial(network, address)
	if err != nil {
		log.Printf("relay: dial %s:%s: %v", network, address, err)
		return
	}
	defer out.Close()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); _, _ = io.Copy(out, in); closeWrite(out) }()
	go func() { defer wg.Done(); _, _ = io.Copy(in, out); closeWrite(in) }()
	wg.Wait()
}

func closeWrite(c net.Conn) {
	if cw, ok := c.(interface{ CloseWrite() error }); ok {
		_ = cw.CloseWrite()
	}
}
