"""Old import paths, kept only for notebooks written by earlier versions of `quiz assign`
(the tools themselves are in `knowtheline.classroom`, `knowtheline.exports` and
`knowtheline.bank`)."""
