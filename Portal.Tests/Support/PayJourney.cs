namespace Portal.Tests.Support;

/// <summary>What a customer's browser does to pay: post the pay form, then pick an outcome at the sandbox's checkout.</summary>
public static class PayJourney
{
    public static async Task<HttpResponseMessage> PostPayAsync(HttpClient browser, string? method, params string[] invoices)
    {
        var form = await Html.ParseAsync(await browser.GetAsync("/pay"));
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
        if (method is not null) fields.Add(new("Method", method));
        fields.AddRange(invoices.Select(i => new KeyValuePair<string, string>("Invoices", i)));
        return await browser.PostAsync("/pay", new FormUrlEncodedContent(fields));
    }

    /// <summary>Returns the path the customer is sent back to.</summary>
    public static async Task<string> ChooseAtCheckoutAsync(HttpClient browser, Uri checkout, string outcome)
    {
        var back = await browser.PostAsync(checkout.PathAndQuery, new FormUrlEncodedContent([new("status", outcome)]));
        return back.Headers.Location!.PathAndQuery;
    }

    /// <summary>Posts a form on the page at <paramref name="path"/> with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, params (string Name, string Value)[] fields)
    {
        var page = await Html.ParseAsync(await browser.GetAsync(path));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await browser.PostAsync(path, new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Prepend(new("__RequestVerificationToken", token))));
    }
}
