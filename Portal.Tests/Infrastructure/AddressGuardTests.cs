using System.Net;
using System.Net.Sockets;
using Portal.Infrastructure.Events;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The SSRF table: which addresses a webhook may be sent to. An internal IPv4 address stays internal in every IPv6
/// spelling (compatible, mapped, NAT64, 6to4, Teredo), and the check holds again when the connection is made.
/// </summary>
public class AddressGuardTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    // Public IPv4, also right next to the refused ranges
    [InlineData("8.8.8.8", true)]
    [InlineData("1.1.1.1", true)]
    [InlineData("11.0.0.1", true)]
    [InlineData("100.63.255.255", true)]
    [InlineData("100.128.0.1", true)]
    [InlineData("126.255.255.255", true)]
    [InlineData("128.0.0.1", true)]
    [InlineData("169.253.255.255", true)]
    [InlineData("172.15.255.255", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.0.1.1", true)]
    [InlineData("192.169.0.1", true)]
    [InlineData("198.17.255.255", true)]
    [InlineData("198.20.0.1", true)]
    [InlineData("203.0.113.10", true)]
    [InlineData("223.255.255.255", true)]
    // Internal and special IPv4
    [InlineData("0.0.0.0", false)]
    [InlineData("0.1.2.3", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("10.255.255.255", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("100.127.255.255", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.255.255.254", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("172.16.5.4", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.0.0.1", false)]
    [InlineData("192.0.0.170", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("198.19.255.255", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("239.255.255.250", false)]
    [InlineData("240.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    // Public IPv6, and public IPv4 behind a translating prefix
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("2001:db9::1", true)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("64:ff9b::808:808", true)]
    [InlineData("2002:808:808::1", true)]
    [InlineData("2001:0:4136:e378:8000:63bf:f7f7:f7f7", true)] // Teredo: server 65.54.227.120, client 8.8.8.8
    // Internal and special IPv6
    [InlineData("::", false)]
    [InlineData("::1", false)]
    [InlineData("::8.8.8.8", false)] // IPv4-compatible: deprecated, never a real destination
    [InlineData("100::1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fdff:ffff::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("febf::1", false)]
    [InlineData("fec0::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("ff05::2", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("2001:db8:ffff::1", false)]
    [InlineData("2001:2::1", false)]
    [InlineData("3fff::1", false)]
    [InlineData("4000::1", false)]
    // Internal IPv4 spelled as IPv6
    [InlineData("::127.0.0.1", false)]
    [InlineData("::169.254.169.254", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:7f00:1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:169.254.169.254", false)]
    [InlineData("::ffff:198.18.0.1", false)]
    [InlineData("::ffff:0:127.0.0.1", false)] // IPv4-translated
    [InlineData("64:ff9b::7f00:1", false)]
    [InlineData("64:ff9b::a9fe:a9fe", false)]
    [InlineData("64:ff9b::c000:1", false)]
    [InlineData("64:ff9b:1::1", false)]
    [InlineData("64:ff9b:1::808:808", false)] // the local-use NAT64 prefix belongs to someone's own network
    [InlineData("2002:7f00:1::", false)]
    [InlineData("2002:a9fe:a9fe::1", false)]
    [InlineData("2002:c0a8:101::1", false)]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe", false)] // Teredo, client 127.0.0.1 (stored inverted)
    [InlineData("2001:0:4136:e378:8000:63bf:5601:5601", false)] // Teredo, client 169.254.169.254
    [InlineData("2001:0:7f00:1:8000:63bf:f7f7:f7f7", false)] // Teredo, server 127.0.0.1
    public void IsPublic_FollowsTheSsrfTable(string address, bool allowed) =>
        AddressGuard.IsPublic(IPAddress.Parse(address)).ShouldBe(allowed, address);

    [Theory]
    [InlineData("https://[::127.0.0.1]/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://[::ffff:a9fe:a9fe]/latest/meta-data")]
    [InlineData("https://[64:ff9b::7f00:1]/hook")]
    [InlineData("https://[64:ff9b::169.254.169.254]/latest/meta-data")]
    [InlineData("https://[2002:7f00:1::]/hook")]
    [InlineData("https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[2001:db8::1]/hook")]
    [InlineData("https://198.18.0.1/hook")]
    [InlineData("https://192.0.0.170/hook")]
    [InlineData("https://0x7f000001/hook")]
    [InlineData("https://2130706433/hook")]
    [InlineData("https://localhost/hook")]
    public async Task Registering_AnInternalAddressInAnySpelling_Is422NamingUrl(string url)
    {
        var organisation = await factory.CreateOrganisationAsync();
        var response = await factory.CreateApiClient(organisation.ApiKey).PostAsync("/api/v1/webhook-endpoints", ApiJson.Raw($$"""{"url":"{{url}}"}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, url);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty("url", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Registering_APublicIPv6Address_IsAccepted()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var response = await factory.CreateApiClient(organisation.ApiKey)
            .PostAsync("/api/v1/webhook-endpoints", ApiJson.Raw("""{"url":"https://[2001:4860:4860::8888]/hook"}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>
    /// A name that was public at registration can point inward later (DNS rebinding): the connection resolves it again
    /// and refuses before a byte leaves. "localhost" stands in for such a name.
    /// </summary>
    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task Connecting_ToANameThatNowResolvesInward_IsRefusedBeforeConnecting(string host)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        await Should.ThrowAsync<HttpRequestException>(() => AddressGuard.ConnectAsync(new DnsEndPoint(host, port), allowLoopback: false, CancellationToken.None).AsTask());
        listener.Pending().ShouldBeFalse();

        // With loopback allowed (the test-only setting) the listener is reached: the refusal above was the guard's.
        await using var stream = await AddressGuard.ConnectAsync(new DnsEndPoint("127.0.0.1", port), allowLoopback: true, CancellationToken.None);
        using var accepted = await listener.AcceptTcpClientAsync();
        accepted.Connected.ShouldBeTrue();
    }
}
