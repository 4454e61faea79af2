using System.Text.Json.Nodes;
using IntegrationHub.Core.Sync.Engine;

namespace IntegrationHub.Sync.Tests.Unit;

public sealed class InvoiceSettlementTests
{
    private static JsonObject Invoice(string status = "authorised", decimal total = 100m) =>
        new() { ["number"] = "INV-1", ["currency"] = "USD", ["status"] = status, ["total"] = total, ["amountPaid"] = 0m, ["amountDue"] = total, ["paidDate"] = null };

    private static JsonObject Payment(string date, params (string InvoiceId, decimal Amount)[] allocations) => new()
    {
        ["date"] = date, ["amount"] = allocations.Sum(a => a.Amount), ["currency"] = "USD",
        ["allocations"] = new JsonArray([.. allocations.Select(a => (JsonNode)new JsonObject { ["invoiceId"] = a.InvoiceId, ["amount"] = a.Amount })]),
    };

    [Fact]
    public void Payments_to_sums_only_the_allocations_to_that_invoice_with_their_payment_dates()
    {
        var payments = new[] { Payment("2026-03-01", ("A", 30m), ("B", 5m)), Payment("2026-03-09", ("A", 20m)), Payment("2026-03-10", ("B", 1m)) };

        var toA = InvoiceSettlement.PaymentsTo("A", payments);

        Assert.Equal([new InvoicePayment(new DateOnly(2026, 3, 1), 30m), new InvoicePayment(new DateOnly(2026, 3, 9), 20m)], toA);
        Assert.Equal(["A", "B"], InvoiceSettlement.InvoiceIds(payments[0]));
    }

    [Fact]
    public void A_partial_payment_keeps_the_status_and_shows_the_remaining_balance()
    {
        var settled = InvoiceSettlement.Settle(Invoice(), [new InvoicePayment(new DateOnly(2026, 3, 1), 40m)]);

        Assert.Equal(40m, settled.AmountPaid);
        Assert.Equal(60m, settled.AmountDue);
        Assert.False(settled.FullyPaid);
        Assert.Null(settled.PaidDate);
        Assert.Equal("authorised", settled.Invoice["status"]!.GetValue<string>());
        Assert.Equal(40m, settled.Invoice["amountPaid"]!.GetValue<decimal>());
        Assert.Equal(60m, settled.Invoice["amountDue"]!.GetValue<decimal>());
        Assert.Null(settled.Invoice["paidDate"]);
    }

    [Fact]
    public void Full_payment_over_several_payments_marks_paid_on_the_latest_payment_date()
    {
        var settled = InvoiceSettlement.Settle(Invoice(), [new InvoicePayment(new DateOnly(2026, 3, 9), 60m), new InvoicePayment(new DateOnly(2026, 3, 1), 40m)]);

        Assert.True(settled.FullyPaid);
        Assert.Equal(0m, settled.AmountDue);
        Assert.Equal("2026-03-09", settled.PaidDate);
        Assert.Equal("paid", settled.Invoice["status"]!.GetValue<string>());
        Assert.Equal("2026-03-09", settled.Invoice["paidDate"]!.GetValue<string>());
    }

    [Fact]
    public void An_overpayment_is_paid_with_a_negative_amount_due()
    {
        var settled = InvoiceSettlement.Settle(Invoice(total: 50m), [new InvoicePayment(new DateOnly(2026, 1, 2), 70m)]);

        Assert.True(settled.FullyPaid);
        Assert.Equal(-20m, settled.AmountDue);
        Assert.Equal("paid", settled.Invoice["status"]!.GetValue<string>());
    }

    [Fact]
    public void A_paid_invoice_that_loses_a_payment_goes_back_to_authorised_without_paid_date()
    {
        var paid = Invoice("paid");
        paid["paidDate"] = "2026-03-09";

        var settled = InvoiceSettlement.Settle(paid, [new InvoicePayment(new DateOnly(2026, 3, 1), 40m)]);

        Assert.Equal("authorised", settled.Invoice["status"]!.GetValue<string>());
        Assert.Null(settled.Invoice["paidDate"]);
        Assert.Equal(60m, settled.AmountDue);
    }

    [Fact]
    public void A_voided_invoice_keeps_its_status_and_the_input_is_not_modified()
    {
        var voided = Invoice("voided");

        var settled = InvoiceSettlement.Settle(voided, [new InvoicePayment(new DateOnly(2026, 3, 1), 100m)]);

        Assert.Equal("voided", settled.Invoice["status"]!.GetValue<string>());
        Assert.Equal(0m, voided["amountPaid"]!.GetValue<decimal>());
    }

    [Fact]
    public void No_payments_leave_the_full_total_due()
    {
        var settled = InvoiceSettlement.Settle(Invoice(), []);

        Assert.Equal(0m, settled.AmountPaid);
        Assert.Equal(100m, settled.AmountDue);
        Assert.False(settled.FullyPaid);
        Assert.Equal("authorised", settled.Invoice["status"]!.GetValue<string>());
    }
}
