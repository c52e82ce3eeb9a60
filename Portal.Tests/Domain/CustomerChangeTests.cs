using Portal.Domain.Customers;
using Portal.Domain.Messages;
using Shouldly;

namespace Portal.Tests.Domain;

/// <summary>How an update from the ERP meets a newer change the customer made to their own contact details.</summary>
public class CustomerChangeTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Address Old = new("Dorpsstraat 1", null, "1234 AB", "Voorbeeld", "NL");
    private static readonly Address New = new("Kerkstraat 2", null, "5678 CD", "Elders", "NL");

    private static Customer Changed()
    {
        var customer = new Customer(1, "C-1", new CustomerDetails("Sanne", "sanne@example.nl", "+31612345678", "nl", Old), Now);
        customer.ChangeContact(new ContactDetails("nieuw@example.nl", "+31612345678", New, "nl", MessageChannel.Letter), Now).ShouldBe(["email", "address", "preferredChannel"]);
        return customer;
    }

    [Fact]
    public void TheErpSendingTheOldValues_KeepsTheCustomersNewOnes()
    {
        var customer = Changed();
        customer.UpdateFromErp(new CustomerDetails("Sanne", "sanne@example.nl", "+31612345678", "nl", Old), null, Now).ShouldBeFalse();
        customer.Email.ShouldBe("nieuw@example.nl");
        customer.Address.ShouldBe(New);
        customer.PreferredChannel.ShouldBe(MessageChannel.Letter);
        customer.PendingChange!.Fields.ShouldBe(["email", "address", "preferredChannel"]);
    }

    [Fact]
    public void TheErpSendingOtherValues_Wins_FieldByField_AndAFieldItTookOverIsNoLongerProtected()
    {
        var customer = Changed();
        customer.UpdateFromErp(new CustomerDetails("Sanne", "erp@example.nl", "+31612345678", "nl", Old), MessageChannel.Letter, Now).ShouldBeTrue();
        customer.Email.ShouldBe("erp@example.nl", "a value the customer did not send: the ERP is the master");
        customer.Address.ShouldBe(New, "the old address: not taken over yet");
        customer.PendingChange!.Fields.ShouldBe(["address"], "the channel the ERP sent is the customer's: taken over");

        customer.UpdateFromErp(new CustomerDetails("Sanne", "sanne@example.nl", "+31612345678", "nl", New), null, Now);
        customer.Email.ShouldBe("sanne@example.nl", "no longer protected");
        customer.PendingChange.ShouldBeNull();
        customer.CustomerChangeJson.ShouldBeNull();
    }

    [Fact]
    public void TwoChangesBeforeTheErpTakesThemOver_ProtectAgainstTheOldestValue()
    {
        var customer = Changed();
        customer.ChangeContact(new ContactDetails("derde@example.nl", "+31612345678", New, "nl", MessageChannel.Letter), Now);
        customer.UpdateFromErp(new CustomerDetails("Sanne", "sanne@example.nl", "+31612345678", "nl", Old), null, Now);
        customer.Email.ShouldBe("derde@example.nl");
        customer.UpdateFromErp(new CustomerDetails("Sanne", "nieuw@example.nl", "+31612345678", "nl", Old), null, Now);
        customer.Email.ShouldBe("nieuw@example.nl", "an in-between value from the ERP is its own choice");
    }
}
