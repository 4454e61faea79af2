using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationHub.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WriteOnceJsonColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<JsonDocument>(
                name: "raw",
                table: "records",
                type: "json",
                nullable: true,
                oldClrType: typeof(JsonDocument),
                oldType: "jsonb",
                oldNullable: true);

            migrationBuilder.AlterColumn<JsonDocument>(
                name: "snapshot",
                table: "record_versions",
                type: "json",
                nullable: false,
                oldClrType: typeof(JsonDocument),
                oldType: "jsonb");

            migrationBuilder.AlterColumn<JsonDocument>(
                name: "diff",
                table: "record_versions",
                type: "json",
                nullable: true,
                oldClrType: typeof(JsonDocument),
                oldType: "jsonb",
                oldNullable: true);

            migrationBuilder.AlterColumn<JsonDocument>(
                name: "base",
                table: "record_links",
                type: "json",
                nullable: true,
                oldClrType: typeof(JsonDocument),
                oldType: "jsonb",
                oldNullable: true);

            migrationBuilder.AlterColumn<JsonDocument>(
                name: "payload",
                table: "outbox_events",
                type: "json",
                nullable: false,
                oldClrType: typeof(JsonDocument),
                oldType: "jsonb");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<JsonDocument>(
                name: "raw",
                table: "records",
                type: "jsonb",
                nullable: true,
                oldClrType: typeof(JsonDocument),
                oldType: "json",
                oldNullable: true);

            migrationBuilder.AlterColumn<JsonDocument>(
                name: "snapshot",
                table: "record_versions",
                type: "jsonb",
                nullable: false,
                oldClrType: typeof(JsonDocument),
                oldType: "json");

            migrationBuilder.AlterColumn<JsonDocument>(
                name: "diff",
                table: "record_versions",
                type: "jsonb",
                nullable: true,
                oldClrType: typeof(JsonDocument),
                oldType: "json",
                oldNullable: true);

            migrationBuilder.AlterColumn<JsonDocument>(
                name: "base",
                table: "record_links",
                type: "jsonb",
                nullable: true,
                oldClrType: typeof(JsonDocument),
                oldType: "json",
                oldNullable: true);

            migrationBuilder.AlterColumn<JsonDocument>(
                name: "payload",
                table: "outbox_events",
                type: "jsonb",
                nullable: false,
                oldClrType: typeof(JsonDocument),
                oldType: "json");
        }
    }
}
