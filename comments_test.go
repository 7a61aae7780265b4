package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// measuredFigure matches what reads as a measurement: a number with a unit
// of time or size, a percentage, or a ratio ("0.35x", "1.15 times"); its
// first group is the number. A bare "s" needs a space before it ("2.5 s"),
// so that Go durations ("60s"), rates ("25/1s") and plural statuses
// ("500s") are not taken for one.
var measuredFigure = regexp.MustCompile(`\b(\d[\d,]*(?:\.\d+)?)(?:\s?(?:ns|µs|us|ms|KB|KiB|MB|MiB|GB|GiB|x)\b|\s?%|\s(?:s|seconds?|minutes?|bytes?|times)\b)`)

// TestCommentsHoldNoMeasurements keeps measured figures out of the comments
// of production code (main.go and internal/, test files aside): a figure in
// a comment goes stale as soon as the code or the machine changes, and
// nothing shows it. Figures live in tools/performance.md, with how they were
// measured, and a comment cites the section. A value the code sets is no
// measurement: a comment may state it where the code sets it, i.e. when the
// number is a literal of the declaration the comment belongs to (the
// function or the const or var block it documents or sits in).
func TestCommentsHoldNoMeasurements(t *testing.T) {
	files := []string{"main.go"}
	err := filepath.WalkDir("internal", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, path := range files {
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range f.Comments {
			set := literalsOf(declOf(fset, f, c))
			for _, line := range c.List {
				for _, m := range measuredFigure.FindAllStringSubmatch(line.Text, -1) {
					if !set[strings.ReplaceAll(m[1], ",", "")] {
						t.Errorf("%s: comment holds the figure %q: move it to tools/performance.md (with how it was measured) and cite that section, "+
							"or, for a value the code sets, state it where the code sets it", fset.Position(line.Pos()), m[0])
					}
				}
			}
		}
	}
}

// declOf returns the top-level declaration comment group c belongs to: the
// one it documents, lies within, or ends the last line of; nil for none
// (a package comment, or a comment between declarations).
func declOf(fset *token.FileSet, f *ast.File, c *ast.CommentGroup) ast.Decl {
	for _, d := range f.Decls {
		start := d.Pos()
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Doc != nil {
				start = d.Doc.Pos()
			}
		case *ast.GenDecl:
			if d.Doc != nil {
				start = d.Doc.Pos()
			}
		}
		if c.Pos() >= start && (c.End() <= d.End() || fset.Position(c.Pos()).Line == fset.Position(d.End()).Line) {
			return d
		}
	}
	return nil
}

// literalsOf returns the numbers written in d, as written but without
// digit separators.
func literalsOf(d ast.Decl) map[string]bool {
	set := map[string]bool{}
	if d == nil {
		return set
	}
	ast.Inspect(d, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && (lit.Kind == token.INT || lit.Kind == token.FLOAT) {
			set[strings.ReplaceAll(lit.Value, "_", "")] = true
		}
		return true
	})
	return set
}
