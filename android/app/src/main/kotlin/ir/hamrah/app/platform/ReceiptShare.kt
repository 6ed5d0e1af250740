package ir.hamrah.app.platform

import android.content.Context
import android.content.Intent
import android.graphics.Bitmap
import android.graphics.Canvas
import android.graphics.Color
import android.graphics.Paint
import android.graphics.Typeface
import androidx.core.content.FileProvider
import ir.hamrah.ffi.ReceiptInfo
import java.io.File

/**
 * Shares a receipt from the core as text or as an image: the image draws the
 * core's own title and lines (right to left), so both say the same.
 */
class ReceiptShare(private val context: Context) {
    /** The share sheet with [text]. */
    fun text(text: String) {
        val send = Intent(Intent.ACTION_SEND).setType("text/plain").putExtra(Intent.EXTRA_TEXT, text)
        context.startActivity(Intent.createChooser(send, null).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK))
    }

    /** The share sheet with [receipt] drawn as a PNG (in the app's cache, shared through its FileProvider). */
    fun image(receipt: ReceiptInfo) {
        val file = File(File(context.cacheDir, "receipts").apply { mkdirs() }, "receipt.png")
        file.outputStream().use { draw(receipt).compress(Bitmap.CompressFormat.PNG, 100, it) }
        val uri = FileProvider.getUriForFile(context, "${context.packageName}.receipts", file)
        val send = Intent(Intent.ACTION_SEND).setType("image/png").putExtra(Intent.EXTRA_STREAM, uri)
            .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
        context.startActivity(Intent.createChooser(send, null).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK))
    }

    private fun draw(receipt: ReceiptInfo): Bitmap {
        val width = 1080
        val line = 72f
        val bitmap = Bitmap.createBitmap(width, (line * (receipt.lines.size + 3)).toInt(), Bitmap.Config.ARGB_8888)
        val canvas = Canvas(bitmap)
        canvas.drawColor(Color.WHITE)
        val title = Paint(Paint.ANTI_ALIAS_FLAG).apply {
            textSize = 48f
            typeface = Typeface.DEFAULT_BOLD
            textAlign = Paint.Align.RIGHT
        }
        val label = Paint(Paint.ANTI_ALIAS_FLAG).apply { textSize = 38f; textAlign = Paint.Align.RIGHT; color = Color.DKGRAY }
        val value = Paint(Paint.ANTI_ALIAS_FLAG).apply { textSize = 38f; textAlign = Paint.Align.LEFT }
        canvas.drawText(receipt.titleFa, width - 48f, line * 1.2f, title)
        receipt.lines.forEachIndexed { i, row ->
            val y = line * (i + 2.4f)
            canvas.drawText(row.labelFa, width - 48f, y, label)
            canvas.drawText(row.valueFa, 48f, y, value)
        }
        canvas.drawText("همراه‌بانک", width - 48f, line * (receipt.lines.size + 2.6f), label)
        return bitmap
    }
}
