// The message bench's two sides of one SMTP server (see bench/messages.sh):
//   sink <port> <count-file>   an SMTP server on 127.0.0.1 that accepts every message and keeps only their number,
//                              written to <count-file> as it grows
//   raw <port> <count>         a bare MailKit loop: one connection, <count> multipart messages the size of Portal's
//                              pay-link e-mail, as fast as the server takes them; prints the milliseconds it took
using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using SmtpServer;

using SmtpServer.Storage;

if (args is ["sink", var sinkPort, var countFile]) await SinkAsync(int.Parse(sinkPort, CultureInfo.InvariantCulture), countFile);
else if (args is ["raw", var rawPort, var count]) await RawAsync(int.Parse(rawPort, CultureInfo.InvariantCulture), int.Parse(count, CultureInfo.InvariantCulture));
else
{
    Console.Error.WriteLine("usage: Portal.Bench.Mail sink <port> <count-file> | raw <port> <count>");
    return 2;
}
return 0;

static async Task SinkAsync(int port, string countFile)
{
    var options = new SmtpServerOptionsBuilder().ServerName("bench").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
    var services = new SmtpServer.ComponentModel.ServiceProvider();
    var store = new CountingStore();
    services.Add(store);
    services.Add((SmtpServer.Net.IEndpointListenerFactory)new NoDelayListenerFactory());
    var server = new SmtpServer.SmtpServer(options, services);
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
    AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
    var running = server.StartAsync(stop.Token);
    var written = -1L;
    while (!stop.IsCancellationRequested)
    {
        var now = Interlocked.Read(ref store.Count);
        if (now != written)
        {
            await File.WriteAllTextAsync(countFile + ".tmp", now.ToString(CultureInfo.InvariantCulture));
            File.Move(countFile + ".tmp", countFile, overwrite: true);
            written = now;
        }
        try { await Task.Delay(50, stop.Token); } catch (OperationCanceledException) { }
    }
    server.Shutdown();
    try { await running; } catch (OperationCanceledException) { }
}

static async Task RawAsync(int port, int count)
{
    var text = string.Join("\n\n", Enumerable.Repeat("Beste klant, u moet nog € 125,50 betalen aan Waterbedrijf Bench. Via deze link ziet u wat u moet betalen: https://betalen.example.nl/p/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 3));
    var html = "<!DOCTYPE html><html lang=\"nl\"><body><h1>Uw rekening</h1>" + string.Concat(Enumerable.Repeat("<p>" + text + "</p>", 3)) + "</body></html>";
    using var client = new SmtpClient();
    await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < count; i++)
    {
        var message = new MimeMessage { Subject = "Uw rekening van Waterbedrijf Bench", MessageId = $"raw-{i}@bench.test" };
        message.From.Add(new MailboxAddress("Waterbedrijf Bench", "betalen@bench.test"));
        message.To.Add(new MailboxAddress("Klant " + i, $"klant{i}@example.org"));
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        await client.SendAsync(message);
    }
    Console.WriteLine(clock.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture));
    await client.DisconnectAsync(true);
}

sealed class CountingStore : MessageStore
{
    public long Count;

    public override Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
        CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Count);
        return Task.FromResult(SmtpServer.Protocol.SmtpResponse.Ok);
    }
}

// SmtpServer's own listener leaves Nagle's algorithm on: with MailKit pipelining MAIL FROM and RCPT TO, the second
// reply then waits for the client's delayed ACK (about 40 ms a message on Linux). A real MTA answers at once, so the
// sink does too: it accepts its connections with NoDelay.
sealed class NoDelayListenerFactory : SmtpServer.Net.IEndpointListenerFactory
{
    public SmtpServer.Net.IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        var listener = new System.Net.Sockets.TcpListener(endpointDefinition.Endpoint);
        listener.Start();
        return new NoDelayListener(listener);
    }
}

sealed class NoDelayListener(System.Net.Sockets.TcpListener listener) : SmtpServer.Net.IEndpointListener
{
    public async Task<SmtpServer.IO.ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
    {
        var client = await listener.AcceptTcpClientAsync(cancellationToken);
        client.NoDelay = true;
        return new PlainPipe(client);
    }

    public void Dispose() => listener.Stop();
}

// The sink speaks plain SMTP only, so its pipe never upgrades to TLS.
sealed class PlainPipe(System.Net.Sockets.TcpClient client) : SmtpServer.IO.ISecurableDuplexPipe
{
    public System.IO.Pipelines.PipeReader Input { get; } = System.IO.Pipelines.PipeReader.Create(client.GetStream());
    public System.IO.Pipelines.PipeWriter Output { get; } = System.IO.Pipelines.PipeWriter.Create(client.GetStream());
    public bool IsSecure => false;
    public System.Security.Authentication.SslProtocols SslProtocol => System.Security.Authentication.SslProtocols.None;

    public Task UpgradeAsync(System.Security.Cryptography.X509Certificates.X509Certificate certificate,
        System.Security.Authentication.SslProtocols protocols, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the bench's SMTP server offers no TLS");

    public void Dispose() => client.Dispose();
}
