"""The shell's one input classifier: what is typed at the prompt and what is piped on
stdin (or run from a file with magics) become the statements to run here, by the same
steps.

1. A ``%%`` cell typed at the prompt runs only once a blank line ends it.
2. Magic, ``!`` and ``?`` lines become Python calls (:func:`ember.magics.transform`).
3. The source is kept in ``linecache`` under its input name, so tracebacks and ``obj??``
   show it.
4. It is compiled. At the prompt, Python's console rule (``codeop``) says whether more lines
   are needed, and an expression's value is echoed (mode ``"single"``). A piped script is
   compiled whole before any of it runs, as ``python < script`` does, then split into its
   top-level statements, so that ``%history`` lists what ran before each one.
"""

import ast
import codeop

from ember import magics


def classify(source, filename, interactive, compiler=None):
    """The statements of one input, or ``None`` when the prompt needs more lines.

    Parameters
    ----------
    source : str
        The text as typed (all lines of the input so far) or the whole piped script.
    filename : str
        The name tracebacks give the input (``<python-input-3>``, ``<stdin>``, a path).
    interactive : bool
        True at the prompt: an incomplete input answers ``None`` and expressions echo
        their value; False for a piped script: the whole script is one input.
    compiler : codeop.CommandCompiler, optional
        The prompt's compiler, which remembers ``from __future__`` imports between inputs.

    Returns
    -------
    list of (str, code) or None
        ``(text, code)`` per statement to run in order: ``text`` as written (for
        ``%history``) and ``code`` compiled with the input's line numbers.

    Raises
    ------
    SyntaxError
        When the input is not valid Python after magics are transformed (also
        ``OverflowError`` or ``ValueError`` from ``compile``, as the console gets them).

    Examples
    --------
    >>> from ember.inputs import classify
    >>> classify("for i in range(2):", "<python-input-0>", True) is None
    True
    >>> [text for text, _ in classify("a = 1; b = 2\\nprint(a + b)", "<stdin>", False)]
    ['a = 1; b = 2', 'print(a + b)']
    """
    if interactive and source.lstrip().startswith("%%") and not source.endswith("\n"):
        return None
    transformed = magics.transform(source)
    magics.remember_source(filename, source)
    if interactive:
        symbol = "exec" if transformed != source and "\n" in transformed.strip() else "single"
        code = (compiler or codeop.CommandCompiler())(transformed, filename, symbol)
        return None if code is None else [(source, code)]
    return _statements(source, transformed, filename)


def _statements(source, transformed, filename):
    """The whole script compiled, then split into top-level statements with their text."""
    tree = compile(transformed, filename, "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    original = source.split("\n")
    rewritten = transformed.split("\n")
    # Statements that share a line (`a = 1; b = 2`, or a magic's import and call) are one input.
    groups = []
    for node in tree.body:
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        if groups and first <= groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], node.end_lineno)
            groups[-1][2].append(node)
        else:
            groups.append([first, node.end_lineno, [node]])
    statements = []
    for first, last, nodes in groups:
        # A cell magic or %cpaste takes one line; its body became blank lines after it.
        while last < len(original) and rewritten[last] == "" and original[last].strip():
            last += 1
        text = "\n".join(original[first - 1:last])
        module = ast.Module(body=nodes, type_ignores=[])
        statements.append((text, compile(module, filename, "exec", dont_inherit=True)))
    return statements
