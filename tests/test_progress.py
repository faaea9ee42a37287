"""The progress bar on stderr: drawn only on a terminal, after a second, at most every 0.1 s."""
import io

from annobib import progress as progress_module


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_off_a_terminal():
    assert progress_module.terminal_bar(io.StringIO()) is None


def test_bar_waits_a_second_draws_at_most_every_tenth_and_clears_when_done(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(progress_module.time, "monotonic", lambda: now[0])
    stream = Terminal()
    bar = progress_module.terminal_bar(stream)
    assert bar is not None
    bar("render", 0, 10)
    now[0] += 0.5
    bar("render", 2, 10)  # within the first second: nothing
    now[0] += 1.0
    bar("render", 5, 10)
    now[0] += 0.05
    bar("render", 6, 10)  # within 0.1 s of the last drawing: nothing
    now[0] += 0.2
    bar("render", 7, 10)
    bar("render", 10, 10)  # done: the line is cleared
    bar("other", 1, 10)  # new work starts its own second
    assert stream.getvalue() == ("\rrender [###############---------------] 5/10"
                                 "\rrender [#####################---------] 7/10\r\x1b[K")
