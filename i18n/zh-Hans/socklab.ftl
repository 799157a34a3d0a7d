lang-now = 现在使用简体中文显示信息。
