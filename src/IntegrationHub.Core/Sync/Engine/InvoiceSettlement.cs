using System.Globalization;
using System.Text.Json.Nodes;

namespace IntegrationHub.Core.Sync.Engine;

/// <summary>One payment's allocation to an invoice: the payment's date (null if it has none) and the allocated amount.</summary>
public sealed record InvoicePayment(DateOnly? Date, decimal Amount);

/// <summary>An invoice after its payments: the new canonical content and the figures for the invoice.paid event.</summary>
public sealed record SettledInvoice(JsonObject Invoice, decimal AmountPaid, decimal AmountDue, string? PaidDate, bool FullyPaid);

/// <summary>
/// Pure rules of the payment flow. An invoice's amountPaid is the sum of every payment allocated to it,
/// amountDue = total − amountPaid; amountDue ≤ 0 makes it "paid" with paidDate = the latest payment date. A partly paid
/// invoice keeps its status (amountDue shows the balance); one that was "paid" and no longer is (a payment was removed)
/// goes back to "authorised" without paidDate. A voided invoice keeps its status whatever its payments say.
/// </summary>
public static class InvoiceSettlement
{
    public const string Paid = "paid";
    public const string Authorised = "authorised";
    public const string Voided = "voided";

    /// <summary>The remote invoice ids a canonical Payment allocates to.</summary>
    public static IReadOnlyList<string> InvoiceIds(JsonObject payment) =>
        Allocations(payment).Select(a => a.InvoiceId).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Every allocation to <paramref name="invoiceId"/> in the payments (canonical Payments, ids of the same side).</summary>
    public static IReadOnlyList<InvoicePayment> PaymentsTo(string invoiceId, IEnumerable<JsonObject> payments)
    {
        var result = new List<InvoicePayment>();
        foreach (var payment in payments)
        {
            var date = ParseDate(payment["date"]);
            foreach (var allocation in Allocations(payment))
                if (string.Equals(allocation.InvoiceId, invoiceId, StringComparison.Ordinal)) result.Add(new InvoicePayment(date, allocation.Amount));
        }
        return result;
    }

    /// <summary>A copy of the canonical invoice with amountPaid, amountDue, status and paidDate set from its payments.</summary>
    public static SettledInvoice Settle(JsonObject invoice, IReadOnlyList<InvoicePayment> payments)
    {
        var result = (JsonObject)invoice.DeepClone();
        var total = Decimal(invoice["total"]) ?? 0m;
        var amountPaid = payments.Sum(p => p.Amount);
        var amountDue = total - amountPaid;
        var fullyPaid = amountDue <= 0m && amountPaid > 0m;
        var status = invoice["status"]?.GetValue<string>();
        var voided = string.Equals(status, Voided, StringComparison.OrdinalIgnoreCase);
        string? paidDate = null;
        result["amountPaid"] = amountPaid;
        result["amountDue"] = amountDue;
        if (fullyPaid && !voided)
        {
            result["status"] = Paid;
            var latest = payments.Where(p => p.Date is not null).Select(p => p.Date!.Value).DefaultIfEmpty().Max();
            paidDate = latest == default ? null : latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            result["paidDate"] = paidDate;
        }
        else if (string.Equals(status, Paid, StringComparison.OrdinalIgnoreCase))
        {
            result["status"] = Authorised;
            result["paidDate"] = null;
        }
        return new SettledInvoice(result, amountPaid, amountDue, paidDate, fullyPaid);
    }

    private static IEnumerable<(string InvoiceId, decimal Amount)> Allocations(JsonObject payment)
    {
        if (payment["allocations"] is not JsonArray allocations) yield break;
        foreach (var node in allocations)
            if (node is JsonObject a && a["invoiceId"] is JsonValue id && id.TryGetValue<string>(out var invoiceId) && invoiceId.Length > 0)
                yield return (invoiceId, Decimal(a["amount"]) ?? 0m);
    }

    private static decimal? Decimal(JsonNode? node) => node is JsonValue v
        ? v.TryGetValue<decimal>(out var d) ? d
        : v.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var p) ? p : null
        : null;

    private static DateOnly? ParseDate(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length >= 10
        && DateOnly.TryParseExact(s[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
