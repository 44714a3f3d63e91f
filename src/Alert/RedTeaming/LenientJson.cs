using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Alert.RedTeaming;

/// <summary>
/// Reads the JSON that chat models write, which a strict reader rejects: strings in single quotes, raw newlines and
/// tabs inside strings, trailing commas, bare keys, comments. It reads one value from a position and says where it
/// ended; anything it cannot read is null, never an exception.
/// </summary>
internal sealed class LenientJson
{
    private const int MaxDepth = 32;
    private readonly string _text;
    private int _at;

    private LenientJson(string text, int at) => (_text, _at) = (text, at);

    /// <summary>The object or array that starts at <paramref name="start"/>, or null.</summary>
    public static JsonNode? ReadAt(string text, int start)
    {
        var reader = new LenientJson(text, start);
        try
        {
            var node = reader.Value(0);
            return node is JsonObject or JsonArray ? node : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private JsonNode? Value(int depth)
    {
        if (depth > MaxDepth)
            throw new FormatException("too deep");
        Skip();
        return Peek() switch
        {
            '{' => Object(depth),
            '[' => Array(depth),
            '"' or '\'' => JsonValue.Create(String()),
            var c when c == '-' || char.IsAsciiDigit(c) => Number(),
            var c when char.IsLetter(c) => Word() switch
            {
                "true" => JsonValue.Create(true),
                "false" => JsonValue.Create(false),
                "null" => null,
                // A bare word is no value: "[yes]" in prose around the JSON is not an array of prompts.
                _ => throw new FormatException("a bare word"),
            },
            _ => throw new FormatException("no value"),
        };
    }

    private JsonObject Object(int depth)
    {
        var result = new JsonObject();
        _at++;
        while (true)
        {
            Skip();
            if (Peek() == '}')
            {
                _at++;
                return result;
            }
            var key = Peek() is '"' or '\'' ? String() : Word();
            Skip();
            Expect(':');
            var value = Value(depth + 1);
            // A repeated key keeps its first value (a model that writes two prompts meant the first).
            result.TryAdd(key, value);
            Skip();
            if (Peek() == ',')
                _at++;
            else if (Peek() != '}')
                throw new FormatException("expected , or }");
        }
    }

    private JsonArray Array(int depth)
    {
        var result = new JsonArray();
        _at++;
        while (true)
        {
            Skip();
            if (Peek() == ']')
            {
                _at++;
                return result;
            }
            result.Add(Value(depth + 1));
            Skip();
            if (Peek() == ',')
                _at++;
            else if (Peek() != ']')
                throw new FormatException("expected , or ]");
        }
    }

    private string String()
    {
        var quote = _text[_at++];
        var text = new StringBuilder();
        while (_at < _text.Length)
        {
            var c = _text[_at++];
            // A quote ends the string only before what may follow one: an apostrophe in 'I'm' or an unescaped
            // quote inside a double-quoted prompt stays in the text.
            if (c == quote && ClosesString())
                return text.ToString();
            if (c != '\\')
            {
                // Raw newlines and tabs are kept as they are: the model meant them.
                text.Append(c);
                continue;
            }
            if (_at >= _text.Length)
                break;
            var e = _text[_at++];
            text.Append(e switch
            {
                'n' => "\n",
                't' => "\t",
                'r' => "\r",
                'b' => "\b",
                'f' => "\f",
                'u' when _at + 4 <= _text.Length
                    && int.TryParse(_text.AsSpan(_at, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture,
                        out var u)
                    => Unicode(u),
                _ => e.ToString(),
            });
        }
        throw new FormatException("unterminated string");
    }

    private bool ClosesString()
    {
        var next = _at;
        while (next < _text.Length && _text[next] is ' ' or '\t' or '\r' or '\n')
            next++;
        return next >= _text.Length || _text[next] is ',' or '}' or ']' or ':';
    }

    private string Unicode(int code)
    {
        _at += 4;
        return ((char)code).ToString();
    }

    private JsonValue Number()
    {
        var start = _at;
        while (_at < _text.Length && (char.IsAsciiDigit(_text[_at]) || _text[_at] is '-' or '+' or '.' or 'e' or 'E'))
            _at++;
        var digits = _text.AsSpan(start, _at - start);
        return double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            ? JsonValue.Create(n)
            : throw new FormatException("bad number");
    }

    private string Word()
    {
        var start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] is '_' or '-'))
            _at++;
        return _at > start ? _text[start.._at] : throw new FormatException("expected a key");
    }

    private void Expect(char c)
    {
        if (Peek() != c)
            throw new FormatException($"expected {c}");
        _at++;
    }

    private char Peek() => _at < _text.Length ? _text[_at] : '\0';

    /// <summary>Skips white space and // or /* */ comments.</summary>
    private void Skip()
    {
        while (_at < _text.Length)
        {
            if (char.IsWhiteSpace(_text[_at]))
                _at++;
            else if (_text.AsSpan(_at).StartsWith("//", StringComparison.Ordinal))
                _at = _text.IndexOf('\n', _at) is var nl && nl < 0 ? _text.Length : nl + 1;
            else if (_text.AsSpan(_at).StartsWith("/*", StringComparison.Ordinal))
                _at = _text.IndexOf("*/", _at + 2, StringComparison.Ordinal) is var end && end < 0
                    ? _text.Length : end + 2;
            else
                return;
        }
    }
}
