using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Portal.Tests.Support;

/// <summary>
/// A request whose body stops half-way, the way Kestrel's body stream fails when a client sends less than its
/// Content-Length or breaks the chunked encoding: the test server hands the app a body stream that throws.
/// </summary>
public static class TruncatedBody
{
    public sealed record Answer(int Status, string? MediaType, string Body);

    public static async Task<Answer> SendAsync(TestServer server, string method, string url, string apiKey, byte[] body, Exception failure,
        string? idempotencyKey = null)
    {
        var context = await server.SendAsync(c =>
        {
            var uri = new Uri("http://localhost" + url);
            c.Request.Method = method;
            c.Request.Path = PathString.FromUriComponent(uri);
            c.Request.QueryString = QueryString.FromUriComponent(uri);
            c.Request.Headers.Authorization = "Bearer " + apiKey;
            if (idempotencyKey is not null) c.Request.Headers["Idempotency-Key"] = idempotencyKey;
            c.Request.ContentType = "application/json";
            c.Request.ContentLength = body.Length;
            c.Request.Body = new FailingStream(body[..(body.Length / 2)], failure);
        });
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return new Answer(context.Response.StatusCode, context.Response.ContentType?.Split(';')[0], text);
    }

    /// <summary>Gives the first bytes, then throws <paramref name="failure"/>.</summary>
    private sealed class FailingStream(byte[] first, Exception failure) : Stream
    {
        private bool _sent;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            if (_sent) throw failure;
            _sent = true;
            var count = Math.Min(first.Length, buffer.Length);
            first.AsMemory(0, count).CopyTo(buffer);
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
