using System.Buffers;
using System.Text;
using Portal.Web.Setup;
using Shouldly;

namespace Portal.Tests.Web;

/// <summary>
/// A %00 in a request line's path becomes U+FFFD so Kestrel lets the request through to the 404 page; the bytes of
/// bodies, chunked or not, and of anything that is not HTTP/1.x reach the app exactly as they were sent.
/// </summary>
public class RequestLinesTests
{
    /// <summary>Copies <paramref name="input"/> as a connection would deliver it, <paramref name="piece"/> bytes at a time.</summary>
    private static string Copy(string input, int piece)
    {
        var lines = new RequestLines();
        var output = new ArrayBufferWriter<byte>();
        var bytes = Encoding.ASCII.GetBytes(input);
        var waiting = Array.Empty<byte>();
        for (var start = 0; start < bytes.Length; start += piece)
        {
            var buffer = new ReadOnlySequence<byte>([.. waiting, .. bytes.Skip(start).Take(piece)]);
            var used = lines.Copy(buffer, isLast: start + piece >= bytes.Length, output);
            waiting = buffer.Slice(used).ToArray();
        }
        waiting.ShouldBeEmpty();
        return Encoding.ASCII.GetString(output.WrittenSpan);
    }

    public static TheoryData<int> Pieces => [1, 2, 5, 64, 100_000];

    [Theory]
    [MemberData(nameof(Pieces))]
    public void NullInPath_BecomesTheReplacementCharacter_QueryAndHeadersUnchanged(int piece) =>
        Copy("GET /p/abc%00def%00?q=%00 HTTP/1.1\r\nHost: x\r\nX-Note: %00\r\n\r\n", piece)
            .ShouldBe("GET /p/abc%EF%BF%BDdef%EF%BF%BD?q=%00 HTTP/1.1\r\nHost: x\r\nX-Note: %00\r\n\r\n");

    [Theory]
    [MemberData(nameof(Pieces))]
    public void BodyWithContentLength_IsCopiedAsItCame_AndTheNextRequestLineIsRewritten(int piece)
    {
        const string body = "{\"name\":\"GET /p/%00 HTTP/1.1\\r\\n\"}";
        Copy($"PUT /api/v1/customers/C-1 HTTP/1.1\r\ncontent-length: {body.Length}\r\n\r\n{body}GET /p/%00 HTTP/1.1\r\n\r\n", piece)
            .ShouldBe($"PUT /api/v1/customers/C-1 HTTP/1.1\r\ncontent-length: {body.Length}\r\n\r\n{body}GET /p/%EF%BF%BD HTTP/1.1\r\n\r\n");
    }

    [Theory]
    [MemberData(nameof(Pieces))]
    public void ChunkedBody_IsCopiedAsItCame_AndTheNextRequestLineIsRewritten(int piece)
    {
        var chunked = "POST /api/v1/invoices/batch HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
            + "5;ext=1\r\n%00\r\n\r\n" + $"{"GET /p/%00 HTTP/1.1\r\n".Length:x}\r\nGET /p/%00 HTTP/1.1\r\n\r\n" + "0\r\nTrailer: %00\r\n\r\n";
        Copy(chunked + "GET /p/%00 HTTP/1.1\r\n\r\n", piece).ShouldBe(chunked + "GET /p/%EF%BF%BD HTTP/1.1\r\n\r\n");
    }

    [Theory]
    [InlineData("GET /chat HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\nGET /p/%00 HTTP/1.1\r\n\r\n")]
    [InlineData("POST /x HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nGET /p/%00 HTTP/1.1\r\n\r\n")]
    [InlineData("POST /x HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nGET /p/%00 HTTP/1.1\r\n\r\n")]
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\nGET /p/%00 HTTP/1.1\r\n\r\n")]
    [InlineData("\u0016\u0003\u0001GET /p/%00 HTTP/1.1\r\n\r\n")]
    [InlineData("CONNECT /p/%00 HTTP/1.1\r\n\r\n")]
    public void WhatItDoesNotUnderstand_IsCopiedUntouched(string input)
    {
        foreach (var piece in Pieces) Copy(input, piece).ShouldBe(input);
    }
}
