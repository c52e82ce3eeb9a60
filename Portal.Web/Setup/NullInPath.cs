using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Portal.Web.Setup;

/// <summary>
/// Kestrel answers a path holding <c>%00</c> (such as <c>/p/abc%00def</c>) with its own empty 400 before Portal sees
/// the request, so a prober could tell such a pay link from every other unknown one. This connection middleware writes
/// that character as U+FFFD (<c>%EF%BF%BD</c>) in the request line instead: the request reaches Portal and gets the
/// same 404 as any other address that does not exist. Bodies are never changed; see <see cref="RequestLines"/>.
/// It works on plain HTTP/1.x, what Kestrel receives behind the proxy that terminates TLS; bytes it cannot read as
/// that (TLS straight to Kestrel, HTTP/2) pass untouched, and Kestrel answers them as before.
/// </summary>
public static class NullInPath
{
    public static IConnectionBuilder UseNullInPathAsReplacementCharacter(this ListenOptions listen) => listen.Use(next => async connection =>
    {
        var transport = connection.Transport;
        var rewritten = new Pipe(new PipeOptions(pauseWriterThreshold: 1024 * 1024, resumeWriterThreshold: 512 * 1024, useSynchronizationContext: false));
        var pump = PumpAsync(transport.Input, rewritten.Writer);
        connection.Transport = new DuplexPipe(rewritten.Reader, transport.Output);
        try
        {
            await next(connection);
        }
        finally
        {
            connection.Transport = transport;
            await rewritten.Reader.CompleteAsync();
            transport.Input.CancelPendingRead();
            await pump;
        }
    });

    private static async Task PumpAsync(PipeReader input, PipeWriter output)
    {
        var lines = new RequestLines();
        Exception? failure = null;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync();
                if (result.IsCanceled)
                {
                    input.AdvanceTo(result.Buffer.Start);
                    break;
                }
                input.AdvanceTo(lines.Copy(result.Buffer, result.IsCompleted, output), result.Buffer.End);
                var flushed = await output.FlushAsync();
                if (result.IsCompleted || flushed.IsCompleted) break;
            }
        }
        catch (Exception e)
        {
            // A reset connection and the like: Kestrel meets it on its next read, as it would have without this.
            failure = e;
        }
        await output.CompleteAsync(failure);
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;
        public PipeWriter Output => output;
    }
}
