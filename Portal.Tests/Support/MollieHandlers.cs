namespace Portal.Tests.Support;

// Handlers a test puts between Portal and the sandbox's Mollie API (PortalFactory.WithMollieHandler).

/// <summary>Sends Mollie calls to another node's sandbox, as two nodes share one Mollie account.</summary>
public sealed class ForwardTo(HttpMessageHandler target) : DelegatingHandler
{
    private readonly HttpMessageInvoker _invoker = new(target, disposeHandler: false);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _invoker.SendAsync(request, cancellationToken);
}

/// <summary>While armed, lets each payment request through to Mollie and then loses the answer.</summary>
public sealed class LoseAnswerOnce : DelegatingHandler
{
    public volatile bool Armed;
    public int Lost;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (Armed && request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/payments", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref Lost);
            response.Dispose();
            throw new HttpRequestException("The connection was lost after the request was sent.");
        }
        return response;
    }
}
