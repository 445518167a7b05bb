"""Pure domain rules shared by every area: academic years, London time, half days, activities.

Nothing here touches the database or the web layer.
"""
