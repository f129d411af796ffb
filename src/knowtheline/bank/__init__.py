"""The question bank: its one schema (`model`, pydantic), the YAML reader that keeps line
numbers (`yamlsource`), loading and validating the bank (`load`), the quality checks of
`quiz check` (`quality`) and choosing questions from it (`select`).

Everything else reads questions through here: the learner's quiz (`knowtheline.quiz`),
the LMS exports (`knowtheline.exports`), the classroom tools (`knowtheline.classroom`) and
the book build (`knowtheline.book`).
"""
