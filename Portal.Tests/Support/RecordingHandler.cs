using System.Net;

namespace Portal.Tests.Support;

/// <summary>
/// Stands in for whoever receives a webhook (Portal for the sandbox's calls, or the ERP for Portal's): keeps each
/// request body and answers 200, or 500 while <see cref="Failing"/> is set (then nothing is kept).
/// </summary>
public sealed class RecordingHandler : HttpMessageHandler
{
    private readonly List<string> _bodies = [];
    public volatile bool Failing;

    public IReadOnlyList<string> Bodies
    {
        get { lock (_bodies) return _bodies.ToList(); }
    }

    public int Count
    {
        get { lock (_bodies) return _bodies.Count; }
    }

    /// <summary>How many of the sandbox's form-posted webhooks named this payment.</summary>
    public int CountFor(string paymentId)
    {
        lock (_bodies) return _bodies.Count(b => b == "id=" + paymentId);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct);
        if (Failing) return new HttpResponseMessage(HttpStatusCode.InternalServerError);
        lock (_bodies) _bodies.Add(body);
        return new HttpResponseMessage(HttpStatusCode.OK);
    }
}
