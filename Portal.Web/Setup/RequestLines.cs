using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Portal.Web.Setup;

/// <summary>
/// Copies the bytes of one HTTP/1.x connection, writing <c>%00</c> in a request line's path as <c>%EF%BF%BD</c>.
/// It follows the framing (Content-Length, chunked) to know where each request line starts, so a body is copied as
/// it came. Whatever it does not understand — TLS, HTTP/2, an upgrade, framing Kestrel would refuse — it copies
/// untouched from there on, and Kestrel answers as it would have.
/// </summary>
internal sealed class RequestLines
{
    /// <summary>Longer than any line Kestrel accepts (8 KB request line, 32 KB of headers).</summary>
    private const int MaxLine = 64 * 1024;

    private static readonly SearchValues<byte> MethodCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-.^_`|~"u8);

    private enum State { RequestLine, Headers, Body, ChunkSize, ChunkData, Trailers, Untouched }

    private State _state = State.RequestLine;
    private long _remaining;
    private long? _contentLength;
    private bool _chunked;
    private bool _unframed;

    /// <summary>Writes what can be copied now and answers how far the input was used; the rest waits for more bytes.</summary>
    public SequencePosition Copy(ReadOnlySequence<byte> input, bool isLast, IBufferWriter<byte> output)
    {
        var reader = new SequenceReader<byte>(input);
        while (!reader.End)
        {
            if (_state == State.Untouched)
            {
                Write(output, reader.UnreadSequence);
                reader.AdvanceToEnd();
            }
            else if (_state is State.Body or State.ChunkData)
            {
                var count = Math.Min(_remaining, reader.Remaining);
                Write(output, reader.UnreadSequence.Slice(0, count));
                reader.Advance(count);
                _remaining -= count;
                if (_remaining == 0) _state = _state == State.Body ? State.RequestLine : State.ChunkSize;
            }
            else if (reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
            {
                var bytes = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
                if (_state == State.RequestLine)
                {
                    WriteRequestLine(output, bytes);
                }
                else
                {
                    output.Write(bytes);
                    Next(bytes);
                }
                output.Write("\n"u8);
            }
            else if (isLast || reader.Remaining >= MaxLine)
            {
                _state = State.Untouched;
            }
            else
            {
                break; // the rest of the line has not come yet
            }
        }
        return reader.Position;
    }

    private void WriteRequestLine(IBufferWriter<byte> output, ReadOnlySpan<byte> line)
    {
        var text = WithoutCr(line);
        var targetStart = text.IndexOf((byte)' ') + 1;
        var targetEnd = text.LastIndexOf((byte)' ');
        var isHttp1 = targetStart > 1 && targetEnd > targetStart && text[targetStart] == (byte)'/'
                      && !text[..(targetStart - 1)].ContainsAnyExcept(MethodCharacters)
                      && (text[(targetEnd + 1)..].SequenceEqual("HTTP/1.1"u8) || text[(targetEnd + 1)..].SequenceEqual("HTTP/1.0"u8))
                      && !text[..(targetStart - 1)].SequenceEqual("CONNECT"u8);
        if (!isHttp1)
        {
            output.Write(line);
            _state = State.Untouched;
            return;
        }
        var query = text[targetStart..targetEnd].IndexOf((byte)'?');
        var pathEnd = query < 0 ? targetEnd : targetStart + query;
        var at = targetStart;
        output.Write(line[..at]);
        for (var found = line[at..pathEnd].IndexOf("%00"u8); found >= 0; found = line[at..pathEnd].IndexOf("%00"u8))
        {
            output.Write(line.Slice(at, found));
            output.Write("%EF%BF%BD"u8);
            at += found + 3;
        }
        output.Write(line[at..]);
        _state = State.Headers;
        _contentLength = null;
        _chunked = false;
        _unframed = false;
    }

    /// <summary>Moves on after a line of headers, trailers or a chunk size.</summary>
    private void Next(ReadOnlySpan<byte> line)
    {
        var text = WithoutCr(line);
        if (_state == State.Headers && text.IsEmpty)
        {
            _state = _unframed || (_chunked && _contentLength is not null) ? State.Untouched
                : _chunked ? State.ChunkSize
                : _contentLength > 0 ? State.Body
                : State.RequestLine;
            _remaining = _contentLength ?? 0;
        }
        else if (_state == State.Headers)
        {
            Header(text);
        }
        else if (_state == State.Trailers && text.IsEmpty)
        {
            _state = State.RequestLine;
        }
        else if (_state == State.ChunkSize)
        {
            var extension = text.IndexOf((byte)';');
            var size = extension >= 0 ? text[..extension] : text;
            if (!Utf8Parser.TryParse(size, out ulong length, out var used, 'X') || used != size.Length || length > int.MaxValue)
                _state = State.Untouched;
            else if (length == 0)
                _state = State.Trailers;
            else
                (_state, _remaining) = (State.ChunkData, (long)length + 2); // the data and its CRLF
        }
    }

    private void Header(ReadOnlySpan<byte> field)
    {
        var colon = field.IndexOf((byte)':');
        if (colon <= 0 || field[0] is (byte)' ' or (byte)'\t')
        {
            _unframed = true;
            return;
        }
        var name = field[..colon];
        var value = field[(colon + 1)..].Trim(" \t"u8);
        if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
        {
            if (!Utf8Parser.TryParse(value, out long length, out var used) || used != value.Length || length < 0
                || (_contentLength is { } earlier && earlier != length))
                _unframed = true;
            else
                _contentLength = length;
        }
        else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
        {
            var last = value[(value.LastIndexOf((byte)',') + 1)..].Trim(" \t"u8);
            _chunked = Ascii.EqualsIgnoreCase(last, "chunked"u8);
            if (!_chunked) _unframed = true;
        }
        else if (Ascii.EqualsIgnoreCase(name, "Upgrade"u8))
        {
            _unframed = true; // the connection may become another protocol
        }
    }

    private static ReadOnlySpan<byte> WithoutCr(ReadOnlySpan<byte> line) => line is [.., (byte)'\r'] ? line[..^1] : line;

    private static void Write(IBufferWriter<byte> output, ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes) output.Write(segment.Span);
    }
}
