package devrev

import (
	"bytes"
	"strings"
	"testing"
	"testing/iotest"
)

// A body reads whole, byte for byte, whatever Content-Length announced and
// whatever buffer it lands in: one used before and handed back, smaller or
// larger than the body, or none.
func TestReadResponseBody(t *testing.T) {
	big := strings.Repeat("0123456789", 50_000) // 500 KB
	for _, body := range []string{"", "{}", big[:4095], big[:4096], big[:4097], big} {
		for _, length := range []int64{-1, int64(len(body)), int64(len(body)) / 2, int64(len(body)) * 2, maxPooledBody + 1} {
			// Reads of one byte at a time find every edge of the buffer.
			got, err := readResponseBody(iotest.OneByteReader(strings.NewReader(body)), length, nil)
			if err != nil {
				t.Fatalf("%d bytes, Content-Length %d: %v", len(body), length, err)
			}
			if !bytes.Equal(got, []byte(body)) {
				t.Fatalf("%d bytes, Content-Length %d: read %d bytes that differ", len(body), length, len(got))
			}
			// Dirty the buffer before handing it back: the next read
			// must not show any of it.
			for i := range got[:cap(got)] {
				got[:cap(got)][i] = 'x'
			}
			releaseBody(got)
		}
	}
}

// A read that fails says so, and keeps what came before the failure.
func TestReadResponseBodyError(t *testing.T) {
	got, err := readResponseBody(iotest.TimeoutReader(strings.NewReader("abcdef")), 6, nil)
	if err == nil || !bytes.HasPrefix([]byte("abcdef"), got) {
		t.Fatalf("read %q, %v; want a prefix of the body and the reader's error", got, err)
	}
}
