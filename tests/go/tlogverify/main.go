// An independent check of the site's transparency log, with the Go checksum database's own
// packages (golang.org/x/mod/sumdb/note and sumdb/tlog): the checkpoint's signature, then an
// inclusion proof, read from the hash tiles, for every entry of the entry bundles.
//
//	tlogverify <site folder> <verifier key>
//
// It prints "checkpoint <origin> <size>", then "entry <n> <id> <lang> <kind>" for each entry
// proved, and exits 1 with a sentence on the first thing that does not hold.
package main

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type tiles struct{ root string }

func (t tiles) Height() int { return 8 }

// C2SP tlog-tiles drops the height from Go's tile paths: tile/8/0/x001/234 is tile/0/x001/234.
func (t tiles) path(tile tlog.Tile) string {
	return filepath.Join(t.root, strings.Replace(tile.Path(), "tile/8/", "tile/", 1))
}

func (t tiles) ReadTiles(list []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(list))
	for i, tile := range list {
		data, err := os.ReadFile(t.path(tile))
		if err != nil {
			return nil, err
		}
		out[i] = data
	}
	return out, nil
}

func (t tiles) SaveTiles([]tlog.Tile, [][]byte) {}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func main() {
	if len(os.Args) != 3 {
		fail("usage: tlogverify <site folder> <verifier key>")
	}
	root := filepath.Join(os.Args[1], "log")
	verifier, err := note.NewVerifier(os.Args[2])
	if err != nil {
		fail("the verifier key does not parse: %v", err)
	}
	signed, err := os.ReadFile(filepath.Join(root, "checkpoint"))
	if err != nil {
		fail("no checkpoint: %v", err)
	}
	n, err := note.Open(signed, note.VerifierList(verifier))
	if err != nil {
		fail("the checkpoint's signature does not verify: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 || lines[0] != verifier.Name() {
		fail("the checkpoint's origin is not the key's name")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("the checkpoint's size does not parse")
	}
	raw, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(raw) != tlog.HashSize {
		fail("the checkpoint's root hash does not parse")
	}
	var tree tlog.Tree
	tree.N = size
	copy(tree.Hash[:], raw)
	fmt.Printf("checkpoint %s %d\n", lines[0], size)
	reader := tlog.TileHashReader(tree, tiles{root})
	for bundle := int64(0); bundle*256 < size; bundle++ {
		width := size - bundle*256
		if width > 256 {
			width = 256
		}
		tile := tlog.Tile{H: 8, L: 0, N: bundle, W: int(width)}
		path := strings.Replace(tile.Path(), "tile/8/0/", "tile/entries/", 1)
		data, err := os.ReadFile(filepath.Join(root, path))
		if err != nil {
			fail("no entry bundle %s: %v", path, err)
		}
		for i := int64(0); i < width; i++ {
			if len(data) < 2 {
				fail("entry bundle %s ends early", path)
			}
			length := int(binary.BigEndian.Uint16(data))
			if len(data) < 2+length {
				fail("entry bundle %s ends inside an entry", path)
			}
			entry := data[2 : 2+length]
			data = data[2+length:]
			index := bundle*256 + i
			proof, err := tlog.ProveRecord(size, index, reader)
			if err != nil {
				fail("entry %d: no inclusion proof from the tiles: %v", index, err)
			}
			if err := tlog.CheckRecord(proof, size, tree.Hash, index, tlog.RecordHash(entry)); err != nil {
				fail("entry %d is not in the signed tree: %v", index, err)
			}
			var value struct{ Id, Lang, Kind string }
			if err := json.Unmarshal(entry, &value); err != nil {
				fail("entry %d is not JSON: %v", index, err)
			}
			fmt.Printf("entry %d %s %s %s\n", index, value.Id, value.Lang, value.Kind)
		}
		if len(data) != 0 {
			fail("entry bundle %s has more entries than the checkpoint counts", path)
		}
	}
}
