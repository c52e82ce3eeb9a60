using System.Net;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

public class FeedbackTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(TestOrganisation Org, HttpClient Browser, string ReturnPath)> PaidAsync()
    {
        var organisation = await factory.CreateOrganisationAsync();
        await organisation.AddCustomerAsync("C-1");
        await organisation.AddInvoiceAsync("F-1", "C-1", 12550, new DateOnly(2026, 12, 1));
        var browser = await organisation.OpenAsCustomerAsync("C-1");
        var start = await PayJourney.PostPayAsync(browser, null, "F-1");
        return (organisation, browser, await PayJourney.ChooseAtCheckoutAsync(browser, start.Headers.Location!, "paid"));
    }

    [Fact]
    public async Task ScoreAndComment_AreThanked_AndReachTheErpOnce()
    {
        var (organisation, browser, returnPath) = await PaidAsync();
        var page = await Html.ParseAsync(await browser.GetAsync(returnPath));
        page.QuerySelectorAll("input[name=Score]").Length.ShouldBe(10);

        var sent = await PayJourney.PostFormAsync(browser, returnPath, ("Score", "9"), ("Comment", "Heel duidelijk"));
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await Html.ParseAsync(await browser.GetAsync(returnPath));
        after.Text("[role=status]").ShouldBe("Dank voor uw mening. Daarmee maken we betalen makkelijker.");
        after.QuerySelector("form.feedback").ShouldBeNull();

        var events = (await (await factory.CreateApiClient(organisation.ApiKey).GetAsync("/api/v1/events")).JsonAsync())
            .GetProperty("items").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "feedback.received").ToList();
        var feedback = events.ShouldHaveSingleItem().GetProperty("data");
        feedback.GetProperty("score").GetInt32().ShouldBe(9);
        feedback.GetProperty("comment").GetString().ShouldBe("Heel duidelijk");
        feedback.GetProperty("invoiceNumbers")[0].GetString().ShouldBe("F-1");
    }

    [Fact]
    public async Task Empty_ShowsErrorSummary_AndStoresNothing()
    {
        var (_, browser, returnPath) = await PaidAsync();
        var response = await PayJourney.PostFormAsync(browser, returnPath);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Html.ParseAsync(response);
        page.Title!.ShouldStartWith("Fout: ");
        page.Text(".error-summary li").ShouldBe("Kies een cijfer of schrijf iets.");
        page.QuerySelector("form.feedback").ShouldNotBeNull();
    }
}
