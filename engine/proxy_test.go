package engine_test

import (
	"bytes"
	"errors"
	"io"
	"net"
	"sync"
	"testing"
	"time"
)

// A faultProxy is a TCP proxy on loopback between a client and a database server that
// injects faults on command: it cuts connections, cuts the next ones as they arrive,
// drops a reply and cuts its connection, strands a client whose server end is gone, or
// holds all traffic. The fault tests put one between the engine and each server.
type faultProxy struct {
	ln     net.Listener
	target string // host:port of the server

	mu       sync.Mutex
	conns    map[*proxyConn]struct{}
	accepted int           // connections accepted so far
	cutNext  int           // the next cutNext connections are closed as soon as accepted
	dropNext int           // the next dropNext replies from the server are dropped, their connections cut
	resume   chan struct{} // non-nil while paused; closed by Resume
	closed   bool

	wg sync.WaitGroup // the accept loop and every pump
}

// A proxyConn is one client connection and the proxy's connection to the server for it.
type proxyConn struct {
	p              *faultProxy
	client, server net.Conn
	stranded       bool // the server side is closed; the client side closes when it next sends (guarded by p.mu)
}

// newFaultProxy starts a proxy to target, closed when the test ends.
func newFaultProxy(t testing.TB, target string) *faultProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &faultProxy{ln: ln, target: target, conns: make(map[*proxyConn]struct{})}
	p.wg.Add(1)
	go p.serve()
	t.Cleanup(p.Close)
	return p
}

// Addr returns the address clients connect to, 127.0.0.1:port.
func (p *faultProxy) Addr() string { return p.ln.Addr().String() }

func (p *faultProxy) serve() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return // closed
		}
		p.mu.Lock()
		p.accepted++
		refuse := p.closed || p.cutNext > 0
		if p.cutNext > 0 {
			p.cutNext--
		}
		p.mu.Unlock()
		if refuse {
			c.Close()
			continue
		}
		s, err := net.DialTimeout("tcp", p.target, 3*time.Second)
		if err != nil {
			c.Close()
			continue
		}
		pc := &proxyConn{p: p, client: c, server: s}
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			c.Close()
			s.Close()
			continue
		}
		p.conns[pc] = struct{}{}
		p.wg.Add(2)
		p.mu.Unlock()
		go pc.pump(c, s, false)
		go pc.pump(s, c, true)
	}
}

// pump copies from one side to the other, applying the proxy's faults, until either
// side fails; then it closes both, unless the server side was closed to strand the
// client.
func (pc *proxyConn) pump(from, to net.Conn, fromServer bool) {
	p := pc.p
	defer p.wg.Done()
	buf := make([]byte, 32<<10)
	for {
		n, err := from.Read(buf)
		if n > 0 {
			p.wait()
			p.mu.Lock()
			stranded, drop := pc.stranded, fromServer && p.dropNext > 0
			if drop {
				p.dropNext--
			}
			p.mu.Unlock()
			if drop || (stranded && !fromServer) {
				pc.cut() // the reply, or the stranded client's request, goes nowhere
				return
			}
			if _, werr := to.Write(buf[:n]); werr != nil {
				break
			}
		}
		if err != nil {
			break
		}
	}
	p.mu.Lock()
	stranded := pc.stranded
	p.mu.Unlock()
	if fromServer && stranded {
		return // the client side stays open until the client sends or closes
	}
	pc.cut()
}

// cut closes both sides of pc.
func (pc *proxyConn) cut() {
	pc.p.mu.Lock()
	delete(pc.p.conns, pc)
	pc.p.mu.Unlock()
	pc.client.Close()
	pc.server.Close()
}

// wait holds the caller while the proxy is paused.
func (p *faultProxy) wait() {
	p.mu.Lock()
	ch := p.resume
	p.mu.Unlock()
	if ch != nil {
		<-ch
	}
}

func (p *faultProxy) current() []*proxyConn {
	p.mu.Lock()
	defer p.mu.Unlock()
	cs := make([]*proxyConn, 0, len(p.conns))
	for c := range p.conns {
		cs = append(cs, c)
	}
	return cs
}

// Cut closes every current connection on both sides, as a server that went away
// does: the client's socket sees the end of the stream. It returns how many it cut.
func (p *faultProxy) Cut() int {
	cs := p.current()
	for _, c := range cs {
		c.cut()
	}
	return len(cs)
}

// Strand closes the server side of every current connection but leaves the client
// side open, saying nothing, until the client next sends; then the proxy closes it
// without passing the request on. That is a connection whose far end vanished
// silently — a NAT or firewall that forgot the flow, a server host that rebooted — and
// which the client cannot tell from a live one without a round trip. It returns how
// many it stranded.
func (p *faultProxy) Strand() int {
	cs := p.current()
	p.mu.Lock()
	for _, c := range cs {
		c.stranded = true
	}
	p.mu.Unlock()
	for _, c := range cs {
		c.server.Close()
	}
	return len(cs)
}

// CutNext makes the proxy close the next n connections as soon as it accepts them,
// before they reach the server, as a server that is down does; n < 0 takes back
// cuts not used yet. It returns how many remained to be cut before the call.
func (p *faultProxy) CutNext(n int) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	before := p.cutNext
	p.cutNext = max(0, p.cutNext+n)
	return before
}

// DropNextReply makes the proxy drop the next bytes the server sends, on whichever
// connection, and cut that connection: the request got to the server and was done
// there, but the client never hears so. Cutting a COMMIT this way makes its outcome
// ambiguous to the client although the transaction is committed.
func (p *faultProxy) DropNextReply() {
	p.mu.Lock()
	p.dropNext++
	p.mu.Unlock()
}

// Pause holds all traffic, in both directions, until Resume; new connections are
// still accepted, their bytes held too.
func (p *faultProxy) Pause() {
	p.mu.Lock()
	if p.resume == nil {
		p.resume = make(chan struct{})
	}
	p.mu.Unlock()
}

// Resume lets the traffic held by Pause through.
func (p *faultProxy) Resume() {
	p.mu.Lock()
	if p.resume != nil {
		close(p.resume)
		p.resume = nil
	}
	p.mu.Unlock()
}

// Accepted returns how many connections the proxy has accepted, cut ones included.
func (p *faultProxy) Accepted() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.accepted
}

// Open returns how many connections are open through the proxy now.
func (p *faultProxy) Open() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.conns)
}

// Close stops the proxy, cuts every connection and waits for its goroutines.
func (p *faultProxy) Close() {
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
	p.ln.Close()
	p.Resume()
	p.Cut()
	p.wg.Wait()
}

// TestProxy checks the proxy itself against an echo server.
func TestProxy(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var echo sync.WaitGroup
	echoClosed := make(chan struct{}, 16) // one per echo connection that ended
	t.Cleanup(func() { ln.Close(); echo.Wait() })
	echo.Add(1)
	go func() {
		defer echo.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			echo.Add(1)
			go func() {
				defer echo.Done()
				io.Copy(c, c)
				c.Close()
				echoClosed <- struct{}{}
			}()
		}
	}()
	p := newFaultProxy(t, ln.Addr().String())

	dial := func() net.Conn {
		t.Helper()
		c, err := net.DialTimeout("tcp", p.Addr(), time.Second)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	// roundTrip sends msg and returns what comes back within d (nil, err on none).
	roundTrip := func(c net.Conn, msg string, d time.Duration) ([]byte, error) {
		if _, err := c.Write([]byte(msg)); err != nil {
			return nil, err
		}
		return proxyReadFor(c, len(msg), d)
	}
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(2 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", what)
			}
		}
	}

	a, b := dial(), dial()
	for _, c := range []net.Conn{a, b} {
		if got, err := roundTrip(c, "ping", time.Second); err != nil || string(got) != "ping" {
			t.Fatalf("echo: %q, %v", got, err)
		}
	}
	if p.Accepted() != 2 || p.Open() != 2 {
		t.Fatalf("accepted %d, open %d; want 2, 2", p.Accepted(), p.Open())
	}

	// Cut: both clients see the end of the stream; the server's ends close too.
	if n := p.Cut(); n != 2 {
		t.Errorf("Cut cut %d connections, want 2", n)
	}
	for _, c := range []net.Conn{a, b} {
		if _, err := proxyReadFor(c, 1, time.Second); !errors.Is(err, io.EOF) {
			t.Errorf("after Cut: read error %v, want EOF", err)
		}
	}
	for range 2 {
		<-echoClosed
	}
	if p.Open() != 0 {
		t.Errorf("open %d after Cut", p.Open())
	}

	// CutNext: the next connection ends at once; the one after works.
	p.CutNext(1)
	if _, err := proxyReadFor(dial(), 1, time.Second); !errors.Is(err, io.EOF) {
		t.Errorf("CutNext: read error %v, want EOF", err)
	}
	c := dial()
	if got, err := roundTrip(c, "after", time.Second); err != nil || string(got) != "after" {
		t.Fatalf("after CutNext: %q, %v", got, err)
	}
	if p.Accepted() != 4 {
		t.Errorf("accepted %d, want 4", p.Accepted())
	}

	// Pause holds the bytes; Resume lets them through.
	p.Pause()
	if got, err := roundTrip(c, "held", 100*time.Millisecond); len(got) != 0 || !proxyTimeout(err) {
		t.Errorf("while paused: %q, %v; want nothing, a timeout", got, err)
	}
	p.Resume()
	if got, err := proxyReadFor(c, 4, time.Second); err != nil || string(got) != "held" {
		t.Errorf("after Resume: %q, %v", got, err)
	}

	// DropNextReply: the request reaches the server, the reply is dropped and the
	// connection cut.
	p.DropNextReply()
	if got, err := roundTrip(c, "lost", time.Second); len(got) != 0 || !errors.Is(err, io.EOF) {
		t.Errorf("DropNextReply: %q, %v; want nothing, EOF", got, err)
	}
	<-echoClosed

	// Strand: the server's end closes now; the client hears nothing until it sends,
	// and then only the end of the stream.
	c = dial()
	if got, err := roundTrip(c, "x", time.Second); err != nil || string(got) != "x" {
		t.Fatalf("echo: %q, %v", got, err)
	}
	if n := p.Strand(); n != 1 {
		t.Errorf("Strand stranded %d connections, want 1", n)
	}
	<-echoClosed
	if got, err := proxyReadFor(c, 1, 100*time.Millisecond); len(got) != 0 || !proxyTimeout(err) {
		t.Errorf("stranded, before sending: %q, %v; want nothing, a timeout", got, err)
	}
	if got, err := roundTrip(c, "anyone?", time.Second); len(got) != 0 || !errors.Is(err, io.EOF) {
		t.Errorf("stranded, after sending: %q, %v; want nothing, EOF", got, err)
	}
	waitFor("the stranded connection to go", func() bool { return p.Open() == 0 })
}

// proxyReadFor reads until n bytes came, the stream ended or d passed.
func proxyReadFor(c net.Conn, n int, d time.Duration) ([]byte, error) {
	c.SetReadDeadline(time.Now().Add(d))
	defer c.SetReadDeadline(time.Time{})
	var got bytes.Buffer
	buf := make([]byte, n)
	for got.Len() < n {
		k, err := c.Read(buf[:n-got.Len()])
		got.Write(buf[:k])
		if err != nil {
			return got.Bytes(), err
		}
	}
	return got.Bytes(), nil
}

func proxyTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
