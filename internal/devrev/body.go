package devrev

import (
	"io"
	"sync"
)

// Response bodies of list pages are read into buffers that are used again
// once the page is decoded (answer.release): a whole read is many pages of
// much the same size, and reading each into a fresh, growing slice cost more
// of a read's time than sending its requests (the memory was cleared and
// faulted in, then collected, for every page; tools/performance.md, "What
// the profiles show"). A decoded page
// shares nothing with its buffer: every string is copied out of it.

// maxPooledBody is the largest buffer kept for reuse; a larger answer is
// read as before and left to the garbage collector.
const maxPooledBody = 4 << 20

var bodyBuffers sync.Pool // *[]byte

// readResponseBody reads r to its end. length is the response's
// Content-Length (-1 when unknown): the buffer is sized to it at once, up
// to maxPooledBody. Past that the buffer grows only as the bytes arrive,
// so that a server announcing a large body cannot make the client set
// memory aside for bytes it never sends. Within a read, the bytes count
// against the provider's byte budget as they arrive (memory.go), so that
// answers still arriving are bounded with the ones held: the read stops
// with t's error once they would pass it.
func readResponseBody(r io.Reader, length int64, t *tally) ([]byte, error) {
	var b []byte
	if p, ok := bodyBuffers.Get().(*[]byte); ok {
		b = (*p)[:0]
	}
	if length > 0 && length <= maxPooledBody && int64(cap(b)) < length+1 {
		// One byte more than announced, so that the read that finds
		// the end needs no larger buffer.
		b = make([]byte, 0, length+1)
	}
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // grow
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if t != nil {
			if err := t.addBytes(n); err != nil {
				return b, err
			}
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

// releaseBody hands b back for another response to be read into. Nothing
// may use b afterwards.
func releaseBody(b []byte) {
	if b != nil && cap(b) <= maxPooledBody {
		bodyBuffers.Put(&b)
	}
}
