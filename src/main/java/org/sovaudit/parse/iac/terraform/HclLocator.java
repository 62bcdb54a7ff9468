package org.sovaudit.parse.iac.terraform;

import java.util.ArrayList;
import java.util.List;

import org.sovaudit.parse.ParseException;

/**
 * Finds where blocks and attributes stand in HCL source text, because hcl4j's result maps carry no
 * line numbers. It reads just enough of the native syntax to be robust to comments, spacing,
 * one-line blocks, object constructors, quoted templates and heredocs: blocks (type, labels, body),
 * attributes ({@code name = expression}) and the items of object constructors
 * ({@code name = { source = "..." }}). Expressions are skipped, except that a single quoted string
 * without interpolation is kept as the attribute's literal value.
 *
 * <p>It also finds the structural faults hcl4j lets through (an unclosed block, a stray closing
 * brace, an unterminated string or heredoc, an attribute without a value, two attributes on one
 * line), and refuses nesting deeper than {@value #MAX_DEPTH}
 * before hcl4j's recursive evaluation could exhaust the stack.
 */
final class HclLocator {

    static final int MAX_DEPTH = 48;

    enum Kind { BLOCK, ATTRIBUTE }

    /**
     * A block or attribute. For an attribute, {@code literal} is its value when that is one quoted
     * string without interpolation (else null), and {@code children} are the items of an object
     * constructor value, or the plain string elements of a list value (each an attribute of the
     * list's name).
     */
    record Node(Kind kind, String name, List<String> labels, int line, String literal, List<Node> children) {
        Node {
            labels = List.copyOf(labels);
            children = List.copyOf(children);
        }

        List<Node> blocks(String type) {
            return children.stream().filter(c -> c.kind == Kind.BLOCK && c.name.equals(type)).toList();
        }

        Node attribute(String attributeName) {
            for (Node c : children) {
                if (c.kind == Kind.ATTRIBUTE && c.name.equals(attributeName)) {
                    return c;
                }
            }
            return null;
        }
    }

    /** The top-level items and the first structural fault (null when none). */
    record Located(List<Node> body, ParseException fault) {
    }

    private enum T { IDENT, STRING, LBRACE, RBRACE, LBRACKET, RBRACKET, LPAREN, RPAREN, EQUALS, COLON, COMMA, NEWLINE, OTHER, EOF }

    /** A token; {@code text} is the identifier, or the decoded literal of a plain string (null for a template). */
    private record Token(T type, String text, int line) {
    }

    private final List<Token> tokens;
    private int pos;

    private HclLocator(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Locates the items of {@code source}. Never throws for bad input: the fault is returned. */
    static Located locate(String source) {
        List<Token> tokens = new ArrayList<>();
        ParseException fault = null;
        try {
            new Lexer(source, tokens).run();
        } catch (ParseException e) {
            fault = e;
        }
        tokens.add(new Token(T.EOF, null, tokens.isEmpty() ? 1 : tokens.get(tokens.size() - 1).line));
        HclLocator locator = new HclLocator(tokens);
        List<Node> body = new ArrayList<>();
        try {
            locator.body(body, 0, 0);
        } catch (ParseException e) {
            // a lexical fault cuts the token stream short, so it explains any structural one after it
            if (fault == null) {
                fault = e;
            }
        }
        return new Located(body, fault);
    }

    // ---- structure ----

    /** Reads body items into {@code out} until the closing brace of a block opened at {@code openLine} (0: end of file). */
    private void body(List<Node> out, int depth, int openLine) {
        while (true) {
            Token t = peek();
            switch (t.type) {
                case NEWLINE -> pos++;
                case EOF -> {
                    if (depth > 0) {
                        throw new ParseException(openLine, "block opened at line " + openLine + " is not closed");
                    }
                    return;
                }
                case RBRACE -> {
                    if (depth == 0) {
                        throw new ParseException(t.line, "unexpected '}' with no open block");
                    }
                    return;
                }
                case IDENT -> item(out, depth);
                default -> throw new ParseException(t.line, "expected an attribute or block, found " + describe(t));
            }
        }
    }

    private void item(List<Node> out, int depth) {
        Token name = next();
        if (peek().type == T.EQUALS) {
            pos++;
            out.add(attribute(name, depth));
            return;
        }
        List<String> labels = new ArrayList<>();
        while (peek().type == T.IDENT || peek().type == T.STRING) {
            Token label = next();
            labels.add(label.text == null ? "" : label.text);
        }
        Token open = next();
        if (open.type != T.LBRACE) {
            throw new ParseException(open.line, "expected '{' after block '" + name.text + "', found " + describe(open));
        }
        if (depth + 1 > MAX_DEPTH) {
            throw new ParseException(open.line, "blocks nested deeper than " + MAX_DEPTH);
        }
        List<Node> children = new ArrayList<>();
        try {
            body(children, depth + 1, name.line);
        } catch (ParseException e) {
            // keep what the block held before the fault, then let the fault travel up
            out.add(new Node(Kind.BLOCK, name.text, labels, name.line, null, children));
            throw e;
        }
        next(); // the closing brace
        out.add(new Node(Kind.BLOCK, name.text, labels, name.line, null, children));
    }

    /** An attribute's value up to the end of its line (or of the enclosing one-line block/object). */
    private Node attribute(Token name, int depth) {
        Token first = peek();
        if (first.type == T.LBRACE) {
            pos++;
            List<Node> items = new ArrayList<>();
            object(items, depth + 1, first.line);
            skipExpression(depth);
            return new Node(Kind.ATTRIBUTE, name.text, List.of(), name.line, null, items);
        }
        if (first.type == T.NEWLINE || first.type == T.EOF || first.type == T.RBRACE || first.type == T.COMMA) {
            throw new ParseException(name.line, "attribute '" + name.text + "' has no value");
        }
        String literal = null;
        if (first.type == T.STRING && first.text != null) {
            T after = tokens.get(pos + 1).type;
            if (after == T.NEWLINE || after == T.EOF || after == T.RBRACE || after == T.COMMA) {
                literal = first.text;
            }
        }
        List<Node> elements = first.type == T.LBRACKET ? listElements(name.text) : List.of();
        skipExpression(depth);
        return new Node(Kind.ATTRIBUTE, name.text, List.of(), name.line, literal, elements);
    }

    /**
     * The plain string elements of the list that starts at the current token ({@code ["a", "b"]},
     * over one line or several): a string standing alone between the list's separators. Elements
     * that are expressions, and the contents of nested lists or objects, are not elements here.
     */
    private List<Node> listElements(String name) {
        List<Node> elements = new ArrayList<>();
        int nesting = 0;
        for (int i = pos; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            switch (t.type) {
                case LBRACKET, LBRACE, LPAREN -> nesting++;
                case RBRACKET, RBRACE, RPAREN -> nesting--;
                case EOF -> nesting = 0;
                default -> {
                }
            }
            if (nesting <= 0) {
                return elements;
            }
            if (nesting == 1 && t.type == T.STRING && t.text != null && separator(tokens.get(i - 1).type)
                    && i + 1 < tokens.size() && (separator(tokens.get(i + 1).type) || tokens.get(i + 1).type == T.RBRACKET)) {
                elements.add(new Node(Kind.ATTRIBUTE, name, List.of(), t.line, t.text, List.of()));
            }
        }
        return elements;
    }

    private static boolean separator(T type) {
        return type == T.LBRACKET || type == T.COMMA || type == T.NEWLINE;
    }

    /** The items of an object constructor, after its opening brace, up to and including its closing brace. */
    private void object(List<Node> out, int depth, int openLine) {
        if (depth > MAX_DEPTH) {
            throw new ParseException(openLine, "values nested deeper than " + MAX_DEPTH);
        }
        while (true) {
            Token t = peek();
            switch (t.type) {
                case NEWLINE, COMMA -> pos++;
                case RBRACE -> {
                    pos++;
                    return;
                }
                case EOF -> throw new ParseException(openLine, "object opened at line " + openLine + " is not closed");
                case IDENT, STRING -> {
                    Token key = next();
                    Token sep = peek();
                    if (sep.type == T.EQUALS || sep.type == T.COLON) {
                        pos++;
                        String keyName = key.text == null ? "" : key.text;
                        out.add(attribute(new Token(T.IDENT, keyName, key.line), depth));
                    } else {
                        skipExpression(depth);
                    }
                }
                case LPAREN -> {
                    // a computed key: `(var.name) = value`
                    skipGroup(depth);
                    Token sep = peek();
                    if (sep.type == T.EQUALS || sep.type == T.COLON) {
                        pos++;
                        out.add(attribute(new Token(T.IDENT, "", t.line), depth));
                    } else {
                        skipExpression(depth);
                    }
                }
                default -> skipExpression(depth);
            }
        }
    }

    /** Skips one parenthesised group, from its opening parenthesis through the matching one. */
    private void skipGroup(int depth) {
        Token open = next();
        int nesting = 1;
        while (nesting > 0) {
            Token t = next();
            switch (t.type) {
                case LPAREN, LBRACKET, LBRACE -> {
                    nesting++;
                    if (depth + nesting > MAX_DEPTH) {
                        throw new ParseException(t.line, "values nested deeper than " + MAX_DEPTH);
                    }
                }
                case RPAREN, RBRACKET, RBRACE -> nesting--;
                case EOF -> throw new ParseException(open.line, "'(' opened at line " + open.line + " is not closed");
                default -> {
                    // part of the key expression
                }
            }
        }
    }

    /**
     * Skips the rest of an expression: up to a newline, comma or closing brace at bracket depth 0
     * (not consumed). Brackets and braces inside are balanced; a missing close is a fault.
     */
    private void skipExpression(int depth) {
        int nesting = 0;
        List<Token> opened = new ArrayList<>();
        while (true) {
            Token t = peek();
            switch (t.type) {
                case EOF -> {
                    if (nesting > 0) {
                        Token open = opened.get(opened.size() - 1);
                        throw new ParseException(open.line, describe(open) + " opened at line " + open.line + " is not closed");
                    }
                    return;
                }
                case NEWLINE, COMMA -> {
                    if (nesting == 0) {
                        return;
                    }
                    pos++;
                }
                case LBRACE, LBRACKET, LPAREN -> {
                    nesting++;
                    opened.add(t);
                    if (depth + nesting > MAX_DEPTH) {
                        throw new ParseException(t.line, "values nested deeper than " + MAX_DEPTH);
                    }
                    pos++;
                }
                case EQUALS -> {
                    if (nesting == 0) {
                        // `a = 1 b = 2`: valid HCL has one argument per line
                        throw new ParseException(t.line, "unexpected '=': each attribute needs a line of its own");
                    }
                    pos++;
                }
                case RBRACE, RBRACKET, RPAREN -> {
                    if (nesting == 0) {
                        if (t.type == T.RBRACE) {
                            return;
                        }
                        throw new ParseException(t.line, "unexpected " + describe(t));
                    }
                    Token open = opened.remove(opened.size() - 1);
                    if (!matches(open.type, t.type)) {
                        throw new ParseException(open.line, describe(open) + " opened at line " + open.line + " is not closed");
                    }
                    nesting--;
                    pos++;
                }
                default -> pos++;
            }
        }
    }

    private static boolean matches(T open, T close) {
        return (open == T.LBRACE && close == T.RBRACE) || (open == T.LBRACKET && close == T.RBRACKET)
                || (open == T.LPAREN && close == T.RPAREN);
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.type != T.EOF) {
            pos++;
        }
        return t;
    }

    private static String describe(Token t) {
        return switch (t.type) {
            case IDENT -> "'" + t.text + "'";
            case STRING -> "a string";
            case LBRACE -> "'{'";
            case RBRACE -> "'}'";
            case LBRACKET -> "'['";
            case RBRACKET -> "']'";
            case LPAREN -> "'('";
            case RPAREN -> "')'";
            case EQUALS -> "'='";
            case COLON -> "':'";
            case COMMA -> "','";
            case NEWLINE -> "end of line";
            case OTHER -> "'" + t.text + "'";
            case EOF -> "end of file";
        };
    }

    // ---- tokens ----

    /** Splits HCL native syntax into the few tokens the locator needs. */
    private static final class Lexer {
        private final String s;
        private final List<Token> out;
        private int i;
        private int line = 1;

        Lexer(String s, List<Token> out) {
            this.s = s;
            this.out = out;
        }

        void run() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\n') {
                    out.add(new Token(T.NEWLINE, null, line));
                    line++;
                    i++;
                } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\uFEFF') {
                    i++;
                } else if (c == '#' || (c == '/' && at(i + 1) == '/')) {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '/' && at(i + 1) == '*') {
                    int start = line;
                    i += 2;
                    while (i < s.length() && !(s.charAt(i) == '*' && at(i + 1) == '/')) {
                        if (s.charAt(i) == '\n') {
                            line++;
                        }
                        i++;
                    }
                    if (i >= s.length()) {
                        throw new ParseException(start, "comment opened at line " + start + " is not closed");
                    }
                    i += 2;
                } else if (c == '"') {
                    int start = line;
                    i++;
                    String literal = quoted(start);
                    out.add(new Token(T.STRING, literal, start));
                } else if (c == '<' && at(i + 1) == '<' && heredocStart()) {
                    continue;
                } else if (Character.isLetter(c) || c == '_') {
                    int start = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '-')) {
                        i++;
                    }
                    out.add(new Token(T.IDENT, s.substring(start, i), line));
                } else {
                    T type = switch (c) {
                        case '{' -> T.LBRACE;
                        case '}' -> T.RBRACE;
                        case '[' -> T.LBRACKET;
                        case ']' -> T.RBRACKET;
                        case '(' -> T.LPAREN;
                        case ')' -> T.RPAREN;
                        case ',' -> T.COMMA;
                        case ':' -> T.COLON;
                        case '=' -> at(i + 1) == '=' || at(i + 1) == '>' ? T.OTHER : T.EQUALS;
                        default -> T.OTHER;
                    };
                    if (type == T.OTHER && (c == '=' || c == '!' || c == '<' || c == '>') && at(i + 1) == '=') {
                        out.add(new Token(T.OTHER, s.substring(i, i + 2), line));
                        i += 2;
                        continue;
                    }
                    if (type == T.OTHER && c == '=' && at(i + 1) == '>') {
                        out.add(new Token(T.OTHER, "=>", line));
                        i += 2;
                        continue;
                    }
                    out.add(new Token(type, String.valueOf(c), line));
                    i++;
                }
            }
        }

        private char at(int index) {
            return index < s.length() ? s.charAt(index) : '\0';
        }

        /**
         * Reads a quoted string after its opening quote, through its closing quote. Returns the
         * decoded text, or null when it holds a template sequence ({@code ${...}}, {@code %{...}}).
         */
        private String quoted(int start) {
            StringBuilder sb = new StringBuilder();
            boolean template = false;
            while (true) {
                if (i >= s.length() || s.charAt(i) == '\n') {
                    throw new ParseException(start, "string opened at line " + start + " is not closed");
                }
                char c = s.charAt(i);
                if (c == '"') {
                    i++;
                    return template ? null : sb.toString();
                }
                if (c == '\\') {
                    i++;
                    char e = at(i);
                    i++;
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case '"' -> sb.append('"');
                        case '\\' -> sb.append('\\');
                        default -> {
                            // \\u and \\U escapes and unknown ones: not a plain literal worth decoding
                            template = true;
                        }
                    }
                    continue;
                }
                if ((c == '$' || c == '%') && at(i + 1) == c && at(i + 2) == '{') {
                    sb.append(c).append('{');
                    i += 3;
                    continue;
                }
                if ((c == '$' || c == '%') && at(i + 1) == '{') {
                    template = true;
                    i += 2;
                    interpolation(start);
                    continue;
                }
                sb.append(c);
                i++;
            }
        }

        /** Skips a template interpolation after its {@code ${}, through the matching brace. */
        private void interpolation(int start) {
            int depth = 1;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\n') {
                    line++;
                    i++;
                } else if (c == '"') {
                    i++;
                    quoted(line);
                } else if (c == '{') {
                    depth++;
                    i++;
                } else if (c == '}') {
                    depth--;
                    i++;
                    if (depth == 0) {
                        return;
                    }
                } else {
                    i++;
                }
                if (depth > MAX_DEPTH) {
                    throw new ParseException(start, "template nested deeper than " + MAX_DEPTH);
                }
            }
            throw new ParseException(start, "template opened at line " + start + " is not closed");
        }

        /** Reads a heredoc ({@code <<EOT} or {@code <<-EOT}) when one starts here; returns whether it did. */
        private boolean heredocStart() {
            int j = i + 2;
            if (at(j) == '-') {
                j++;
            }
            int nameStart = j;
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            if (j == nameStart) {
                return false;
            }
            String marker = s.substring(nameStart, j);
            int k = j;
            while (k < s.length() && (s.charAt(k) == ' ' || s.charAt(k) == '\t' || s.charAt(k) == '\r')) {
                k++;
            }
            if (k < s.length() && s.charAt(k) != '\n') {
                return false;
            }
            int start = line;
            out.add(new Token(T.STRING, null, start));
            i = k;
            while (i < s.length()) {
                // at a line break: look at the next line
                i++;
                line++;
                int end = s.indexOf('\n', i);
                String next = s.substring(i, end < 0 ? s.length() : end).strip();
                if (next.equals(marker)) {
                    i = end < 0 ? s.length() : end;
                    return true;
                }
                if (end < 0) {
                    break;
                }
                i = end;
            }
            throw new ParseException(start, "heredoc '" + marker + "' opened at line " + start + " is not closed");
        }
    }
}
